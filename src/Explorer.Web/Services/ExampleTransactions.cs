namespace Explorer.Web.Services;

/// <summary>A real transaction the decode page offers to try.</summary>
public sealed record ExampleTransaction(string Name, string Txid, string Tx, string Prevouts, string Source);

/// <summary>Examples for the decode page's "Try an example" button.</summary>
public static class ExampleTransactions
{
    /// <summary>
    /// Open Assets transfer 6e891a88... on mainnet (marker in output 0), spending outputs 0 and 2 of issuance c4dcdc51.... Source: NBitcoin
    /// (MetacoSA/NBitcoin@9d248304, NBitcoin.Tests/data/openasset-known-tx.json); prevouts read from the issuance.
    /// </summary>
    public static readonly ExampleTransaction OpenAssetsTransfer = new(
        "Open Assets transfer (mainnet)",
        "6e891a88315aef5699f15c08dd89eebcba523fc2253c52020fbc7e1353dcd92c",
        "0100000002c107f45dd23e0396a9f0027151a63346d7764f80b11e3c0271c3474851dcdcc4000000006b48304502207b6a3aae6250b5d679a0e4def6f369d1ce8035b55ca265b16bfd46e8a54e5bab0221008e0f813bc53755cab6c9fd8faee35d2b79ac2e61652e3c70361184b6f4f6bc8101210335cf4bc6ce5905ea028fd9bbe7f9c23941a222a846201e628f75920fd8858a29ffffffffc107f45dd23e0396a9f0027151a63346d7764f80b11e3c0271c3474851dcdcc4020000006b483045022100fac05eb21d062fcacf0c7162f134a3f45ee96d44fd82ac57d43dd26346107490022015ea04b80d7a95dee9913df3497c34bb8532db8dc01671bc2e0b3b00c1f9628301210335cf4bc6ce5905ea028fd9bbe7f9c23941a222a846201e628f75920fd8858a29ffffffff0400000000000000000e6a0c4f41010002e80798a5e2040058020000000000001976a9140b7be15668b425b270f057501c25de6a2488584f88ac58020000000000001976a91477e3e6acdeca221685d0d23a12989b96335a463988acd0680d00000000001976a91477e3e6acdeca221685d0d23a12989b96335a463988ac00000000",
        "0=76a91477e3e6acdeca221685d0d23a12989b96335a463988ac:600\n1=76a91477e3e6acdeca221685d0d23a12989b96335a463988ac:889400",
        "MetacoSA/NBitcoin@9d248304 NBitcoin.Tests/data/openasset-known-tx.json");
}
