namespace Explorer.ClickHouse.Embedded.Engine;

/// <summary>An error reported by chDB, with the ClickHouse error code parsed from its text.</summary>
public sealed class ChdbException : Exception
{
    public ChdbException()
        : this(ServerError.Parse("chDB error"))
    {
    }

    public ChdbException(string message)
        : this(ServerError.Parse(message))
    {
    }

    public ChdbException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = ServerError.Parse(message);
    }

    public ChdbException(ServerError error)
        : base(error.Message)
    {
        Error = error;
    }

    /// <summary>The parsed error (code, name, text).</summary>
    public ServerError Error { get; }
}
