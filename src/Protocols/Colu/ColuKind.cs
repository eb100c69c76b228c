namespace Explorer.Protocols.Colu;

/// <summary>The three opcode families of a Colu payload: 0x00–0x0F issuance, 0x10–0x1F transfer, 0x20–0x2F burn.</summary>
public enum ColuKind
{
    Issuance = 0,
    Transfer = 1,
    Burn = 2,
}
