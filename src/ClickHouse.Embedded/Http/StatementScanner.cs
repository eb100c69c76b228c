using System.Text;

namespace Explorer.ClickHouse.Embedded.Http;

/// <summary>
/// A lexer just deep enough to split an HTTP request's text the way ClickHouse's server does: the statement, then (for
/// <c>INSERT ... FORMAT X</c>) the raw data. Strings, quoted identifiers, comments and brackets are skipped so that a
/// FORMAT or VALUES inside them is not taken for the clause. Works on UTF-8 bytes: every token it looks at is ASCII.
/// Rule (ClickHouse src/Parsers/ParserInsertQuery.cpp): "Data starts after the first newline, if there is one, or after
/// all the whitespace characters, otherwise" — spaces/tabs are skipped, then one optional CR and one optional LF.
/// </summary>
public static class StatementScanner
{
    /// <summary>Scans <paramref name="text"/>; <paramref name="complete"/> says the request has no more bytes.</summary>
    public static StatementInfo Scan(ReadOnlySpan<byte> text, bool complete)
    {
        var first = string.Empty;
        var depth = 0;
        var insertSelect = false;
        var expectFormatName = false;
        var statementEnd = 0;
        var lastTokenEnd = 0;
        string? outputFormat = null;
        // True right after "FORMAT name" in a query: only SETTINGS or ';' may follow a real FORMAT clause, anything
        // else means "format" was a column or alias (SELECT format FROM t).
        var afterFormat = false;
        // Position of a ';' at depth 0; a token after it is a second statement, which the HTTP interface refuses.
        var semicolon = -1;
        var multiple = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsSpace(c))
            {
                i++;
                continue;
            }

            var skipped = SkipCommentOrQuoted(text, i);
            if (skipped == -1)
            {
                return complete ? Finish(first, insertSelect, outputFormat, multiple) : StatementInfo.Incomplete(first);
            }

            if (skipped > i)
            {
                // Comments end the statement text only if a token follows them: chDB appends " FORMAT X" to the
                // statement it is given, which a trailing "-- comment" would swallow.
                if (text[i] is (byte)'\'' or (byte)'"' or (byte)'`')
                {
                    lastTokenEnd = skipped;
                    multiple |= semicolon >= 0;
                }

                i = skipped;
                continue;
            }

            if (IsWordStart(c))
            {
                var start = i;
                while (i < text.Length && IsWordPart(text[i]))
                {
                    i++;
                }

                if (i == text.Length && !complete)
                {
                    return StatementInfo.Incomplete(first);
                }

                var word = text[start..i];
                multiple |= semicolon >= 0;
                if (first.Length == 0)
                {
                    first = Encoding.ASCII.GetString(word).ToUpperInvariant();
                }

                if (expectFormatName)
                {
                    expectFormatName = false;
                    var name = Encoding.ASCII.GetString(word);
                    if (first == "INSERT" && !insertSelect)
                    {
                        var dataOffset = SkipToData(text, i, complete);
                        return dataOffset < 0
                            ? StatementInfo.Incomplete(first)
                            : new StatementInfo(StatementKind.InsertWithData, first, statementEnd, dataOffset, name);
                    }

                    outputFormat = name;
                    afterFormat = true;
                    continue;
                }

                if (afterFormat)
                {
                    afterFormat = false;
                    if (!Ascii.EqualsIgnoreCase(word, "SETTINGS"u8))
                    {
                        outputFormat = null;
                    }
                }

                if (depth == 0 && word.Length == 6 && Ascii.EqualsIgnoreCase(word, "FORMAT"u8))
                {
                    expectFormatName = true;
                    statementEnd = lastTokenEnd;
                }
                else if (depth == 0 && first == "INSERT" && !insertSelect)
                {
                    if (Ascii.EqualsIgnoreCase(word, "VALUES"u8))
                    {
                        return new StatementInfo(StatementKind.InsertWithData, first, lastTokenEnd, i, "Values");
                    }

                    if (Ascii.EqualsIgnoreCase(word, "SELECT"u8) || Ascii.EqualsIgnoreCase(word, "WITH"u8))
                    {
                        insertSelect = true;
                    }
                }

                lastTokenEnd = i;
                continue;
            }

            if (c is (byte)'(' or (byte)'[' or (byte)'{')
            {
                depth++;
            }
            else if (c is (byte)')' or (byte)']' or (byte)'}')
            {
                depth = Math.Max(0, depth - 1);
            }

            if (c == ';' && depth == 0)
            {
                multiple |= semicolon >= 0;
                semicolon = i;
            }
            else
            {
                multiple |= semicolon >= 0;
            }

            expectFormatName = false;
            if (afterFormat && c != ';')
            {
                outputFormat = null;
            }

            afterFormat = false;
            i++;
            lastTokenEnd = i;
        }

        return complete ? Finish(first, insertSelect, outputFormat, multiple) : StatementInfo.Incomplete(first);
    }

    private static StatementInfo Finish(string first, bool insertSelect, string? outputFormat, bool multiple)
        => new(multiple ? StatementKind.MultipleStatements : StatementKind.Query, first, 0, 0, first == "INSERT" && !insertSelect ? null : outputFormat);

    /// <summary>Returns the index after a comment or quoted token starting at <paramref name="i"/>, <paramref name="i"/>
    /// when there is none, or -1 when it runs past the end of the text.</summary>
    private static int SkipCommentOrQuoted(ReadOnlySpan<byte> text, int i)
    {
        var c = text[i];
        var next = i + 1 < text.Length ? text[i + 1] : (byte)0;
        if ((c == '-' && next == '-') || (c == '#' && (next == ' ' || next == '!')))
        {
            var end = text[i..].IndexOf((byte)'\n');
            return end < 0 ? -1 : i + end + 1;
        }

        if (c == '/' && next == '*')
        {
            var end = text[(i + 2)..].IndexOf("*/"u8);
            return end < 0 ? -1 : i + 2 + end + 2;
        }

        if (c is (byte)'\'' or (byte)'"' or (byte)'`')
        {
            var j = i + 1;
            while (j < text.Length)
            {
                if (text[j] == '\\')
                {
                    j += 2;
                    continue;
                }

                if (text[j] == c)
                {
                    // A doubled quote is an escaped quote inside the token.
                    if (j + 1 < text.Length && text[j + 1] == c)
                    {
                        j += 2;
                        continue;
                    }

                    return j + 1 == text.Length ? -1 : j + 1;
                }

                j++;
            }

            return -1;
        }

        return i;
    }

    private static int SkipToData(ReadOnlySpan<byte> text, int i, bool complete)
    {
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\f')
        {
            i++;
        }

        if (i < text.Length && text[i] == '\r')
        {
            i++;
        }

        if (i < text.Length && text[i] == '\n')
        {
            return i + 1;
        }

        // Without a newline the data starts at the first non-blank byte; at the end of what was read so far the next
        // bytes could still be the newline, so more text is needed unless the request is complete.
        return i == text.Length && !complete ? -1 : i;
    }

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v';

    private static bool IsWordStart(byte c) => c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or (byte)'_' or >= 0x80;

    private static bool IsWordPart(byte c) => IsWordStart(c) || c is >= (byte)'0' and <= (byte)'9';
}
