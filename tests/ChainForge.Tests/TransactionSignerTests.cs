using System.Security.Cryptography;
using Explorer.ChainForge.Chain;
using NBitcoin;
using Xunit.Abstractions;

namespace Explorer.ChainForge.Tests;

/// <summary>
/// ECDSA signing is the same byte for byte whether libsecp256k1 (native) or NBitcoin (managed) signs: RFC 6979 nonces,
/// low S (BIP146 LOW_S), no low-R grinding. Spec: https://www.rfc-editor.org/rfc/rfc6979, https://github.com/bitcoin/bips/blob/master/bip-0146.mediawiki
/// </summary>
[Trait("Category", "Unit")]
public class TransactionSignerTests(ITestOutputHelper output)
{
    [Fact]
    public void SignEcdsa_MatchesNBitcoinManagedSigning_AndVerifies()
    {
        output.WriteLine(NativeSecp256k1.IsAvailable ? "native libsecp256k1 in use" : "managed NBitcoin signing in use");
        for (var i = 0; i < 50; i++)
        {
            var key = new Key(SHA256.HashData(BitConverter.GetBytes(i)));
            var hash = new uint256(SHA256.HashData(BitConverter.GetBytes(i + 1000)));
            var signature = TransactionSigner.SignEcdsa(key, hash);
            Assert.Equal(SigHash.All, signature.SigHash);
            Assert.Equal(key.Sign(hash, false).ToDER(), signature.Signature.ToDER());
            Assert.True(key.PubKey.Verify(hash, signature.Signature));
            Assert.True(signature.Signature.IsLowS);
        }
    }
}
