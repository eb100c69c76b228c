namespace Explorer.Fuzz;

/// <summary>One call of a decoder entry point on fuzzer-chosen bytes. Any exception that escapes is a finding.</summary>
public delegate void FuzzAction(ReadOnlySpan<byte> data);
