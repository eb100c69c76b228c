using Explorer.ClickHouse.Embedded.Engine;

namespace Explorer.ClickHouse.Embedded.Tests;

/// <summary>
/// Error text and HTTP status as ClickHouse's server produces them
/// (https://github.com/ClickHouse/ClickHouse/blob/master/src/Server/HTTP/exceptionCodeToHTTPStatus.cpp). The inputs are
/// texts chDB 26.7 returned in this project's experiments.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ServerErrorTests
{
    [Theory]
    [InlineData("Code: 47. DB::Exception: Unknown expression identifier `nosuch` in scope SELECT nosuch. (UNKNOWN_IDENTIFIER)", 47, "UNKNOWN_IDENTIFIER", 404)]
    [InlineData("Code: 62. DB::Exception: Syntax error: failed at position 7 (1): 1. (SYNTAX_ERROR)", 62, "SYNTAX_ERROR", 400)]
    [InlineData("Code: 60. DB::Exception: Table default.nosuch does not exist. (UNKNOWN_TABLE)", 60, "UNKNOWN_TABLE", 404)]
    [InlineData("Code: 27. DB::Exception: Cannot parse input: expected '\\t' before: 'x': (at row 2)\n: While executing TabSeparatedRowInputFormat. (CANNOT_PARSE_INPUT_ASSERTION_FAILED) (version 26.7.2.1)", 27, "CANNOT_PARSE_INPUT_ASSERTION_FAILED", 400)]
    [InlineData("Code: 395. DB::Exception: Value passed to 'throwIf' function is non-zero. (FUNCTION_THROW_IF_VALUE_IS_NON_ZERO)", 395, "FUNCTION_THROW_IF_VALUE_IS_NON_ZERO", 500)]
    [InlineData("Invalid or closed connection", 1000, "", 500)]
    public void Parse_ReadsCodeNameAndStatus(string text, int code, string name, int status)
    {
        var error = ServerError.Parse(text);

        Assert.Equal(code, error.Code);
        Assert.Equal(name, error.Name);
        Assert.Equal(status, error.HttpStatus);
        Assert.StartsWith($"Code: {code}. DB::Exception: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResponseBody_AddsTheVersionOnce()
    {
        var withoutVersion = ServerError.Parse("Code: 60. DB::Exception: Table x does not exist. (UNKNOWN_TABLE)");
        var withVersion = ServerError.Parse("Code: 27. DB::Exception: Cannot parse. (CANNOT_PARSE_INPUT_ASSERTION_FAILED) (version 26.7.2.1)");

        Assert.Equal("Code: 60. DB::Exception: Table x does not exist. (UNKNOWN_TABLE) (version 1.2.3)\n", withoutVersion.ToResponseBody("1.2.3"));
        Assert.Equal("Code: 27. DB::Exception: Cannot parse. (CANNOT_PARSE_INPUT_ASSERTION_FAILED) (version 26.7.2.1)\n", withVersion.ToResponseBody("1.2.3"));
    }
}
