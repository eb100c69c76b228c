namespace Explorer.Protocols.Colu;

/// <summary>One payment in the decode contract: input, output (null for a burn), amount and the flags.</summary>
public sealed record ColuAnswerPayment(int Input, int? Output, ulong Amount, bool Range, bool Percent, bool Burn)
{
    public static ColuAnswerPayment From(ColuPayment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return new(payment.Input, payment.Output, payment.Amount, payment.Range, payment.Percent, payment.Burn);
    }
}
