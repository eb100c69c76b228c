namespace Explorer.BlockFiles;

/// <summary>
/// Core's amount compression for txouts in undo data. Source: Bitcoin Core src/compressor.cpp
/// (<c>CompressAmount</c>/<c>DecompressAmount</c>): "x = 0 OR x = 1+10*(9*n + d - 1) + e OR x = 1+10*(n - 1) + 9".
/// </summary>
public static class AmountCompression
{
    public static ulong Compress(ulong n)
    {
        if (n == 0)
        {
            return 0;
        }

        var e = 0;
        while (n % 10 == 0 && e < 9)
        {
            n /= 10;
            e++;
        }

        if (e < 9)
        {
            var d = n % 10;
            n /= 10;
            return 1 + ((n * 9) + d - 1) * 10 + (ulong)e;
        }

        return 1 + (n - 1) * 10 + 9;
    }

    public static ulong Decompress(ulong x)
    {
        if (x == 0)
        {
            return 0;
        }

        x--;
        var e = (int)(x % 10);
        x /= 10;
        ulong n;
        if (e < 9)
        {
            var d = (x % 9) + 1;
            x /= 9;
            n = (x * 10) + d;
        }
        else
        {
            n = x + 1;
        }

        while (e > 0)
        {
            n *= 10;
            e--;
        }

        return n;
    }
}
