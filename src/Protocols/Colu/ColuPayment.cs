namespace Explorer.Protocols.Colu;

/// <summary>
/// One transfer instruction of a Colu payload. <see cref="Input"/> is implicit in the bytes: payments start at input 0
/// and each payment with the skip bit moves the next one to the following input (cc-transaction paymentsSkipToInput).
/// A burn payment (burn opcodes only, output field 31 without range) has <see cref="Output"/> null.
/// </summary>
/// <param name="Offset">Where the payment starts in the payload ("colu.payload" layer); -1 for a payment not read from bytes.</param>
/// <param name="Length">How many payload bytes it occupies (0 when not read from bytes).</param>
public sealed record ColuPayment(
    int Input,
    int? Output,
    ulong Amount,
    bool Skip = false,
    bool Range = false,
    bool Percent = false,
    bool Burn = false,
    int Offset = -1,
    int Length = 0)
{
    public static ColuPayment Transfer(int input, int output, ulong amount) => new(input, output, amount);

    public static ColuPayment BurnOf(int input, ulong amount) => new(input, null, amount, Burn: true);
}
