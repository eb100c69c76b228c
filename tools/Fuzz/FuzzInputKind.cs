namespace Explorer.Fuzz;

/// <summary>What a target's input bytes are, so the mutation loop can also mutate structure (whole transactions).</summary>
public enum FuzzInputKind
{
    /// <summary>Plain bytes (a payload, a script, a message, a request line).</summary>
    Bytes = 0,

    /// <summary>A serialized Bitcoin transaction: mutated both as bytes and script by script.</summary>
    Transaction = 1,
}
