namespace Explorer.Protocols.Colu;

/// <summary>Where an opcode keeps the metadata hashes (the rows of ../shared/docs/protocols.md 2.2).</summary>
public enum ColuHashLayout
{
    BothInOpReturn = 0,
    TorrentInOpReturnSha2InMultisig = 1,
    BothInMultisig = 2,
    TorrentOnly = 3,
    TorrentOnlyNoRules = 4,
    NoMetadata = 5,
    NoMetadataNoRules = 6,
    NoMetadataRulesAllowed = 7,
}
