using System.Globalization;
using System.Text.RegularExpressions;

namespace Explorer.ClickHouse.Embedded.Engine;

/// <summary>
/// A ClickHouse exception as the HTTP interface reports it: <c>Code: N. DB::Exception: text (NAME) (version V)</c>.
/// chDB returns the same text without (sometimes with) the version suffix; <see cref="Parse"/> reads the code and name
/// from it. Codes/names: ClickHouse src/Common/ErrorCodes.cpp.
/// </summary>
public sealed partial record ServerError(int Code, string Name, string Message)
{
    /// <summary>Error 1000 (POCO_EXCEPTION) is what ClickHouse reports for a failure with no code of its own.</summary>
    public const int UnknownCode = 1000;

    /// <summary>Parses chDB's error text; text without a <c>Code: N.</c> prefix becomes code 1000.</summary>
    public static ServerError Parse(string text)
    {
        var trimmed = text.TrimEnd();
        var codeMatch = CodePattern().Match(trimmed);
        var code = codeMatch.Success
            ? int.Parse(codeMatch.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture)
            : UnknownCode;
        var nameMatch = NamePattern().Match(trimmed);
        var name = nameMatch.Success ? nameMatch.Groups[1].Value : string.Empty;
        var message = codeMatch.Success ? trimmed : $"Code: {code}. DB::Exception: {trimmed}";
        return new ServerError(code, name, message);
    }

    /// <summary>Builds an error raised by the host itself (not by the engine).</summary>
    public static ServerError Create(int code, string name, string text)
        => new(code, name, $"Code: {code}. DB::Exception: {text}. ({name})");

    /// <summary>The response body: the message, with <c>(version V)</c> appended when chDB left it out, and a newline.</summary>
    public string ToResponseBody(string version)
        => VersionSuffixPattern().IsMatch(Message) ? Message + "\n" : $"{Message} (version {version})\n";

    /// <summary>
    /// The HTTP status ClickHouse sends for this error (src/Server/HTTP/exceptionCodeToHTTPStatus.cpp): 400 for parse
    /// and syntax errors, 404 for unknown objects, 403/401 for access, 413/501/503/408/415 for their cases, else 500.
    /// Matched by the error's name, which chDB always includes.
    /// </summary>
    public int HttpStatus => Name switch
    {
        "REQUIRED_PASSWORD" => 401,
        "UNKNOWN_USER" or "WRONG_PASSWORD" or "AUTHENTICATION_FAILED" or "SET_NON_GRANTED_ROLE" or "ACCESS_DENIED" => 403,
        "BAD_ARGUMENTS" or "CANNOT_COMPILE_REGEXP" or "CANNOT_PARSE_TEXT" or "CANNOT_PARSE_ESCAPE_SEQUENCE"
            or "CANNOT_PARSE_QUOTED_STRING" or "CANNOT_PARSE_DATE" or "CANNOT_PARSE_DATETIME" or "CANNOT_PARSE_NUMBER"
            or "CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING" or "CANNOT_PARSE_IPV4" or "CANNOT_PARSE_IPV6"
            or "CANNOT_PARSE_INPUT_ASSERTION_FAILED" or "CANNOT_PARSE_UUID" or "DUPLICATE_COLUMN" or "ILLEGAL_COLUMN"
            or "UNKNOWN_ELEMENT_IN_AST" or "UNKNOWN_TYPE_OF_AST_NODE" or "THERE_IS_NO_COLUMN" or "TOO_DEEP_AST"
            or "TOO_BIG_AST" or "UNEXPECTED_AST_STRUCTURE" or "SYNTAX_ERROR" or "INCORRECT_DATA" or "TYPE_MISMATCH"
            or "VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE" => 400,
        "UNKNOWN_TABLE" or "UNKNOWN_FUNCTION" or "UNKNOWN_IDENTIFIER" or "UNKNOWN_TYPE" or "UNKNOWN_STORAGE"
            or "UNKNOWN_DATABASE" or "UNKNOWN_SETTING" or "UNKNOWN_DIRECTION_OF_SORTING" or "UNKNOWN_AGGREGATE_FUNCTION"
            or "UNKNOWN_FORMAT" or "UNKNOWN_DATABASE_ENGINE" or "UNKNOWN_TYPE_OF_QUERY" or "UNKNOWN_ROLE" => 404,
        "QUERY_IS_TOO_LARGE" => 413,
        "NOT_IMPLEMENTED" => 501,
        "SOCKET_TIMEOUT" or "CANNOT_OPEN_FILE" or "CANNOT_SCHEDULE_TASK" => 503,
        "HTTP_LENGTH_REQUIRED" => 411,
        "TIMEOUT_EXCEEDED" => 408,
        "UNSUPPORTED_MEDIA_TYPE" => 415,
        _ => 500,
    };

    [GeneratedRegex(@"^Code: (\d{1,9})\.")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\(([A-Z][A-Z0-9_]*)\)(?: \(version [^)]*\))?$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\(version [^)]*\)$")]
    private static partial Regex VersionSuffixPattern();
}
