namespace Explorer.Protocols.Colu;

/// <summary>The two metadata hashes: SHA-1 torrent info-hash (20 bytes) and SHA-256 of the metadata (32 bytes).</summary>
public enum ColuHashType
{
    TorrentHash = 0,
    Sha2 = 1,
}
