namespace Explorer.ClickHouse.Embedded.Http;

/// <summary>What <see cref="StatementScanner"/> found at the start of a request's text.</summary>
public enum StatementKind
{
    /// <summary>More text is needed to decide.</summary>
    Incomplete,

    /// <summary>A statement executed as a whole (SELECT, DDL, INSERT ... SELECT, ...).</summary>
    Query,

    /// <summary><c>INSERT ... FORMAT X</c> or <c>INSERT ... VALUES</c> whose data follows the statement.</summary>
    InsertWithData,

    /// <summary>More than one statement separated by ';', which the HTTP interface refuses ("Multi-statements are not
    /// allowed", SYNTAX_ERROR).</summary>
    MultipleStatements,
}
