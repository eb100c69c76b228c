using System.Security.Cryptography;
using System.Text;
using NBitcoin;

namespace Explorer.ChainForge.Wallet;

/// <summary>
/// Deterministic keys derived from the seed (SHA-256 of "chain-forge/{seed}/{index}"), each usable as P2PKH, P2WPKH,
/// P2SH-P2WPKH and P2TR (BIP86-style key-path output). A small key set keeps signing contexts warm.
/// </summary>
public sealed class ForgeWallet
{
    private readonly Dictionary<Script, WalletAddress> _byScript = [];

    public ForgeWallet(int seed, int keyCount)
    {
        var addresses = new List<WalletAddress>();
        for (var i = 0; i < keyCount; i++)
        {
            var secret = SHA256.HashData(Encoding.UTF8.GetBytes($"chain-forge/{seed}/{i}"));
            var key = new Key(secret);
            foreach (var kind in Enum.GetValues<ScriptKind>())
            {
                var address = new WalletAddress(i, key, kind, ScriptFor(key.PubKey, kind));
                _byScript[address.ScriptPubKey] = address;
                addresses.Add(address);
            }
        }

        Addresses = addresses;
    }

    public IReadOnlyList<WalletAddress> Addresses { get; }

    public WalletAddress Get(int keyIndex, ScriptKind kind) => Addresses[(keyIndex * 4) + (int)kind];

    public bool TryFind(Script scriptPubKey, out WalletAddress address) => _byScript.TryGetValue(scriptPubKey, out address!);

    public static Script ScriptFor(PubKey pubKey, ScriptKind kind) => kind switch
    {
        ScriptKind.P2pkh => pubKey.Hash.ScriptPubKey,
        ScriptKind.P2wpkh => pubKey.WitHash.ScriptPubKey,
        ScriptKind.P2shP2wpkh => pubKey.WitHash.ScriptPubKey.Hash.ScriptPubKey,
        ScriptKind.P2tr => pubKey.GetTaprootFullPubKey().ScriptPubKey,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
