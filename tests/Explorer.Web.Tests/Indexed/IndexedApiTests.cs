using System.Net;
using System.Text.Json;

namespace Explorer.Web.Tests.Indexed;

/// <summary>
/// The indexed-data API (<c>/api/v1/tx</c>, <c>blocks/{id}</c>, <c>assets/...</c>, <c>addresses/...</c>, <c>search</c>)
/// over the Bitcoin Core regtest chain indexed by the indexer's pipeline; answers compared with the fixture's
/// expected.json (../shared/fixtures/core-regtest, written from the node's RPC answers).
/// </summary>
[Trait("Category", "Integration")]
public sealed class IndexedApiTests(IndexedWebFactory factory) : IClassFixture<IndexedWebFactory>
{
    private const string OaAsset = "AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ";
    private const string ColuAsset = "La8qH1ERtiMyusgX2Ten3RrcjdqgMpUFidAGky";

    private RegtestTruth Truth => factory.Truth;

    private async Task<(HttpStatusCode Status, JsonElement Json)> GetJson(string url)
    {
        using var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return (response.StatusCode, doc.RootElement.Clone());
    }

    private async Task<(HttpStatusCode Status, string ContentType, string Body)> GetText(string url)
    {
        using var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        using var response = await client.GetAsync(url);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? string.Empty, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tx_and_block_routes_take_ids_in_either_case_as_the_pages_do()
    {
        var expected = Truth.Tx("transfer 1234");
        var txid = expected.GetProperty("txid").GetString()!;
        var (status, json) = await GetJson($"/api/v1/tx/{txid.ToUpperInvariant()}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(txid, json.GetProperty("txid").GetString());

        var hash = expected.GetProperty("blockhash").GetString()!;
        var (blockStatus, block) = await GetJson($"/api/v1/blocks/{hash.ToUpperInvariant()}");
        Assert.Equal(HttpStatusCode.OK, blockStatus);
        Assert.Equal(hash, block.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Every_confirmed_fixture_transaction_answers_in_the_decode_contract_shape_with_its_block()
    {
        foreach (var expected in Truth.Confirmed)
        {
            var txid = expected.GetProperty("txid").GetString()!;
            var (status, json) = await GetJson($"/api/v1/tx/{txid}");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(txid, json.GetProperty("txid").GetString());
            Assert.Equal(expected.GetProperty("blockhash").GetString(), json.GetProperty("blockHash").GetString());
            Assert.Equal(expected.GetProperty("height").GetInt32(), json.GetProperty("height").GetInt32());
            Assert.Equal(Truth.TipHeight - expected.GetProperty("height").GetInt32() + 1, json.GetProperty("confirmations").GetInt32());
            Assert.Equal("confirmed", json.GetProperty("status").GetString());
            var key = expected.GetProperty("protocol").GetString() switch { "openassets" => "openAssets", var p => p! };
            // A colored input spent without a marker output: indexed (units destroyed) but no Open Assets answer.
            var hasAnswer = !expected.GetProperty("what").GetString()!.Contains("without a marker", StringComparison.Ordinal);
            Assert.Equal(hasAnswer ? JsonValueKind.Object : JsonValueKind.Null, json.GetProperty(key).ValueKind);
            foreach (var other in new[] { "openAssets", "colu", "counterparty" }.Where(k => k != key))
                Assert.True(json.TryGetProperty(other, out _), $"{other} key present (null when not colored by it)");
            // The contract's answer line has "error", null for a transaction that was read (as the decode CLI writes it).
            Assert.True(json.TryGetProperty("error", out var error), "error key present, as in the decode CLI's answer");
            Assert.Equal(JsonValueKind.Null, error.ValueKind);
            if (hasAnswer && expected.TryGetProperty("valid", out var valid))
                Assert.Equal(valid.GetBoolean(), json.GetProperty(key).GetProperty("valid").GetBoolean());

            if (expected.TryGetProperty("outputs", out var outputs))
            {
                var expectedColors = new List<string>();
                foreach (var output in outputs.EnumerateObject())
                {
                    var entries = output.Value[0].ValueKind == JsonValueKind.Array ? output.Value.EnumerateArray().ToList() : [output.Value];
                    expectedColors.AddRange(entries.Select(e => $"{output.Name}:{e[0].GetString()}:{e[1].GetUInt64()}"));
                }
                var actual = json.GetProperty("coloredOutputs").EnumerateArray()
                    .Select(o => $"{o.GetProperty("n").GetUInt32()}:{o.GetProperty("assetId").GetString()}:{o.GetProperty("quantity").GetUInt64()}");
                Assert.Equal(expectedColors.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
            }
        }
    }

    [Fact]
    public async Task A_transfer_shows_the_colored_inputs_it_spent_and_the_issuance_shows_the_spend()
    {
        var issuance = Truth.Tx("issuance").GetProperty("txid").GetString()!;
        var transfer = Truth.Tx("transfer").GetProperty("txid").GetString()!;

        var (_, spent) = await GetJson($"/api/v1/tx/{issuance}");
        var output = Assert.Single(spent.GetProperty("coloredOutputs").EnumerateArray());
        Assert.Equal(transfer, output.GetProperty("spentTxid").GetString());
        Assert.Equal(112, output.GetProperty("spentHeight").GetInt32());

        var (_, json) = await GetJson($"/api/v1/tx/{transfer}");
        var input = Assert.Single(json.GetProperty("coloredInputs").EnumerateArray());
        Assert.Equal(issuance, input.GetProperty("prevTxid").GetString());
        Assert.Equal(OaAsset, input.GetProperty("assetId").GetString());
        Assert.Equal(1001UL, input.GetProperty("quantity").GetUInt64());
    }

    [Fact]
    public async Task Every_protocol_answer_shows_its_raw_views_though_the_indexer_stores_them_not()
    {
        // The indexer stores answers without raw views and the decode request's context instead (sql/006); the API
        // decodes that context again and puts "raw" back: byte layers, and annotations that fall inside them.
        var answers = 0;
        foreach (var expected in Truth.Confirmed)
        {
            var (status, json) = await GetJson($"/api/v1/tx/{expected.GetProperty("txid").GetString()}");
            Assert.Equal(HttpStatusCode.OK, status);
            foreach (var key in new[] { "openAssets", "colu", "counterparty" })
            {
                if (json.GetProperty(key).ValueKind != JsonValueKind.Object) continue;
                answers++;
                var raw = json.GetProperty(key).GetProperty("raw");
                var layers = raw.GetProperty("layers").EnumerateArray()
                    .ToDictionary(l => l.GetProperty("name").GetString()!, l => l.GetProperty("hex").GetString()!.Length / 2);
                Assert.NotEmpty(layers);
                foreach (var note in raw.GetProperty("annotations").EnumerateArray())
                {
                    var layer = note.GetProperty("layer").GetString()!;
                    Assert.True(layers.ContainsKey(layer), $"{key}: annotation on unknown layer {layer}");
                    Assert.InRange(note.GetProperty("offset").GetInt32() + note.GetProperty("length").GetInt32(), 0, layers[layer]);
                }
            }
        }
        Assert.True(answers >= 5, $"only {answers} protocol answers");
    }

    [Fact]
    public async Task Counterparty_transaction_keeps_its_decoded_message()
    {
        var expected = Truth.Tx("classic send over 1-of-3 bare multisig");
        var (status, json) = await GetJson($"/api/v1/tx/{expected.GetProperty("txid").GetString()}");

        Assert.Equal(HttpStatusCode.OK, status);
        var xcp = json.GetProperty("counterparty");
        Assert.Equal("multisig", xcp.GetProperty("carrier").GetString());
        Assert.Equal("PEPECASH", xcp.GetProperty("fields").GetProperty("asset").GetString());
        Assert.Equal(777001, xcp.GetProperty("fields").GetProperty("quantity").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("openAssets").ValueKind);
    }

    [Theory]
    [InlineData("/api/v1/tx/" + "0000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("/api/v1/blocks/99999")]
    [InlineData("/api/v1/blocks/" + "00000000000000000000000000000000000000000000000000000000000000ff")]
    [InlineData("/api/v1/assets/openassets/ANotAnIndexedAsset")]
    [InlineData("/api/v1/assets/counterparty/NOSUCHASSET")]
    [InlineData("/api/v1/addresses/mfWxJ45yp2SFn7UciZyNpvDKrzbhyfKrY8")]
    [InlineData("/api/v1/search?q=NOSUCHASSET")]
    public async Task Unknown_keys_are_404_json(string url)
    {
        var (status, json) = await GetJson(url);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("error").GetString()));
    }

    [Theory]
    [InlineData("/api/v1/tx/xyz")]
    [InlineData("/api/v1/tx/' OR 1=1 --")]
    [InlineData("/api/v1/tx/6G8DD3CAAF873A8BBF5C8E3A7ABCFD84EC966AB6955DABBFA3E64F9B24FF3223")] // not hex (either case is taken)
    [InlineData("/api/v1/blocks/-1")]
    [InlineData("/api/v1/blocks/4294967296")]
    [InlineData("/api/v1/blocks/1 OR 1=1")]
    [InlineData("/api/v1/assets/bitcoin/XCP")]
    [InlineData("/api/v1/assets/counterparty/' OR 1=1 --")]
    [InlineData("/api/v1/assets/openassets/" + OaAsset + "/transfers?limit=0")]
    [InlineData("/api/v1/assets/openassets/" + OaAsset + "/transfers?limit=-5")]
    [InlineData("/api/v1/assets/openassets/" + OaAsset + "/transfers?cursor=' OR 1=1 --")]
    [InlineData("/api/v1/assets/openassets/" + OaAsset + "/transfers?cursor=1.2.3")]
    [InlineData("/api/v1/assets/openassets/" + OaAsset + "/transfers?format=xml")]
    [InlineData("/api/v1/assets/colu/" + ColuAsset + "/holders?cursor=x.y')--")]
    [InlineData("/api/v1/addresses/' OR 1=1 --")]
    [InlineData("/api/v1/addresses/1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")]
    [InlineData("/api/v1/search?q=' OR 1=1 --")]
    [InlineData("/api/v1/search?q=")]
    public async Task Malformed_inputs_are_400_json(string url)
    {
        var (status, json) = await GetJson(url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Block_by_height_and_by_hash_lists_its_colored_transactions()
    {
        var colu = Truth.Tx("transfer 1234");
        var hash = colu.GetProperty("blockhash").GetString()!;
        var expected = Truth.Confirmed.Where(t => t.GetProperty("blockhash").GetString() == hash)
            .Select(t => t.GetProperty("txid").GetString()!).Order(StringComparer.Ordinal).ToList();

        var (s1, byHeight) = await GetJson($"/api/v1/blocks/{colu.GetProperty("height").GetInt32()}");
        var (s2, byHash) = await GetJson($"/api/v1/blocks/{hash}");

        Assert.Equal(HttpStatusCode.OK, s1);
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal(hash, byHeight.GetProperty("hash").GetString());
        Assert.Equal(byHeight.GetRawText(), byHash.GetRawText());
        Assert.Equal(expected, byHeight.GetProperty("coloredTransactions").EnumerateArray()
            .Select(t => t.GetProperty("txid").GetString()!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Open_Assets_asset_has_its_issuance_metadata_and_supply()
    {
        var issuance = Truth.Tx("issuance");
        var (status, json) = await GetJson($"/api/v1/assets/openassets/{OaAsset}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(issuance.GetProperty("txid").GetString(), json.GetProperty("firstIssuance").GetProperty("txid").GetString());
        Assert.Equal(issuance.GetProperty("metadataUtf8").GetString(), json.GetProperty("metadataUtf8").GetString());
        Assert.Equal(1001UL, json.GetProperty("supply").GetProperty("issued").GetUInt64());
        // 300 + 701 moved at 112; the 300 went into the invalid transfer and the 701 were destroyed at 113 (expected.json).
        Assert.Equal(json.GetProperty("supply").GetProperty("issued").GetUInt64() - json.GetProperty("supply").GetProperty("removed").GetUInt64(),
            json.GetProperty("supply").GetProperty("circulating").GetUInt64());
        Assert.Equal(1, json.GetProperty("issuanceCount").GetInt32());
    }

    [Fact]
    public async Task Colu_asset_is_locked_and_its_holders_hold_the_transferred_units()
    {
        var (status, json) = await GetJson($"/api/v1/assets/colu/{ColuAsset}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(json.GetProperty("locked").GetBoolean());
        Assert.Equal(5001UL, json.GetProperty("supply").GetProperty("issued").GetUInt64());
        // No metadata in this issuance: absent fields are null, as the other protocols answer, not "".
        foreach (var absent in new[] { "name", "metadataHex", "metadataUtf8", "definitionUrl" })
            Assert.Equal(JsonValueKind.Null, json.GetProperty(absent).ValueKind);

        var (hs, holders) = await GetJson($"/api/v1/assets/colu/{ColuAsset}/holders");
        Assert.Equal(HttpStatusCode.OK, hs);
        var quantities = holders.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("quantity").GetUInt64()).ToList();
        Assert.Equal(5001UL, quantities.Aggregate(0UL, (a, b) => a + b));
        Assert.Equal(quantities.OrderDescending(), quantities);
    }

    [Fact]
    public async Task Transfers_page_one_at_a_time_to_the_same_list_as_one_page()
    {
        var (_, all) = await GetJson($"/api/v1/assets/openassets/{OaAsset}/transfers?limit=100");
        var everything = all.GetProperty("items").EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.True(everything.Count >= 3, "issuance and two transfer outputs at least");
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);

        var paged = new List<string>();
        var url = $"/api/v1/assets/openassets/{OaAsset}/transfers?limit=1";
        for (var pages = 0; pages < 50; pages++)
        {
            var (status, page) = await GetJson(url);
            Assert.Equal(HttpStatusCode.OK, status);
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetRawText()));
            if (page.GetProperty("next").ValueKind == JsonValueKind.Null) break;
            url = $"/api/v1/assets/openassets/{OaAsset}/transfers?limit=1&cursor={Uri.EscapeDataString(page.GetProperty("next").GetString()!)}";
        }
        Assert.Equal(everything, paged);
        var heights = everything.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("height").GetInt32()).ToList();
        Assert.Equal(heights.OrderDescending(), heights);
    }

    [Fact]
    public async Task Huge_limits_are_capped()
    {
        var (status, json) = await GetJson($"/api/v1/assets/colu/{ColuAsset}/transfers?limit=1000000000");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.InRange(json.GetProperty("items").GetArrayLength(), 1, 100);
    }

    [Fact]
    public async Task Transfers_and_holders_export_as_csv()
    {
        var (s1, t1, transfers) = await GetText($"/api/v1/assets/colu/{ColuAsset}/transfers?format=csv");
        var (s2, t2, holders) = await GetText($"/api/v1/assets/colu/{ColuAsset}/holders?format=csv");

        Assert.Equal((HttpStatusCode.OK, "text/csv"), (s1, t1));
        Assert.Equal((HttpStatusCode.OK, "text/csv"), (s2, t2));
        var lines = transfers.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("height,txid,kind,seq,quantity,address,n,ledger_status", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("114,476c83eea5a44dbcb96f261dffb147e6fcb9a6e63c09da6feb75887edb253241,issuance,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",transfer,", StringComparison.Ordinal) && l.Contains(",1234,", StringComparison.Ordinal));
        var holderLines = holders.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("address,quantity,outputs", holderLines[0]);
        Assert.Equal(5001UL, holderLines.Skip(1).Select(l => ulong.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).Aggregate(0UL, (a, b) => a + b));
    }

    [Fact]
    public async Task Address_has_its_colored_balance_and_history_and_its_colored_form_resolves_to_it()
    {
        var (_, holders) = await GetJson($"/api/v1/assets/colu/{ColuAsset}/holders");
        var top = holders.GetProperty("items")[0];
        var address = top.GetProperty("address").GetString()!;

        var (status, json) = await GetJson($"/api/v1/addresses/{address}");
        Assert.Equal(HttpStatusCode.OK, status);
        var balance = json.GetProperty("balances").EnumerateArray().Single(b => b.GetProperty("assetId").GetString() == ColuAsset);
        Assert.Equal(top.GetProperty("quantity").GetUInt64(), balance.GetProperty("quantity").GetUInt64());
        Assert.NotEqual(0, json.GetProperty("history").GetArrayLength());

        var colored = NBitcoin.DataEncoders.Encoders.Base58Check.EncodeData(
            [0x13, .. NBitcoin.DataEncoders.Encoders.Base58Check.DecodeData(address)]);
        var (cs, coloredJson) = await GetJson($"/api/v1/addresses/{colored}");
        Assert.Equal(HttpStatusCode.OK, cs);
        Assert.Equal(address, coloredJson.GetProperty("address").GetString());
        Assert.Equal(colored, coloredJson.GetProperty("coloredAddress").GetString());
    }

    [Theory]
    [InlineData("AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ", "/asset/openassets/AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ")]
    [InlineData("La8qH1ERtiMyusgX2Ten3RrcjdqgMpUFidAGky", "/asset/colu/La8qH1ERtiMyusgX2Ten3RrcjdqgMpUFidAGky")]
    [InlineData("pepecash", "/asset/counterparty/PEPECASH")]
    [InlineData("115", "/block/115")]
    [InlineData("96e3ae8c3505ab7a709e8d9bde7bd3c4f2faf1b584bcf8a6b84ba8311fa240f3", "/tx/96e3ae8c3505ab7a709e8d9bde7bd3c4f2faf1b584bcf8a6b84ba8311fa240f3")]
    [InlineData("7F47EA09B3C5A584EFC9FA7824C1E4498113318B6AD45FC2C1935695D0EDBAA2", "/block/7f47ea09b3c5a584efc9fa7824c1e4498113318b6ad45fc2c1935695d0edbaa2")]
    [InlineData("mw5JggzPev9h1u16sxBZRobNaaRzn932Pe", "/address/mw5JggzPev9h1u16sxBZRobNaaRzn932Pe")]
    public async Task Search_resolves_each_kind_to_its_page(string q, string url)
    {
        var (status, json) = await GetJson($"/api/v1/search?q={Uri.EscapeDataString(q)}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(url, Assert.Single(json.GetProperty("hits").EnumerateArray()).GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("/api/v1/search?q=1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "main network")] // the genesis block's address
    [InlineData("/api/v1/search?q=bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "main network")] // BIP 173's P2WPKH example
    [InlineData("/api/v1/search?q=tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", "test (or signet, testnet4) network")] // BIP 173's testnet P2WPKH
    [InlineData("/api/v1/addresses/1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "main network")]
    [InlineData("/api/v1/addresses/1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa/balances", "main network")]
    public async Task An_address_of_another_network_is_a_400_that_names_its_network(string url, string named)
    {
        var (status, json) = await GetJson(url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = json.GetProperty("error").GetString()!;
        Assert.Contains("an address of the " + named, error, StringComparison.Ordinal);
        Assert.Contains("indexes regtest", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_for_an_address_nothing_colored_names_is_a_404_as_its_route()
    {
        const string unused = "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn"; // a valid regtest address no fixture transaction pays

        var (search, json) = await GetJson($"/api/v1/search?q={unused}");
        var (route, _) = await GetJson($"/api/v1/addresses/{unused}");

        Assert.Equal(HttpStatusCode.NotFound, search);
        Assert.Contains("Nothing colored is indexed for address " + unused, json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, route);
    }

    [Fact]
    public async Task Counterparty_destination_address_lists_the_send_it_received()
    {
        var expected = Truth.Tx("classic send over 1-of-3 bare multisig");
        var destination = expected.GetProperty("destination").GetString()!;

        var (status, json) = await GetJson($"/api/v1/addresses/{destination}");

        Assert.Equal(HttpStatusCode.OK, status);
        var message = Assert.Single(json.GetProperty("counterpartyMessages").EnumerateArray(),
            m => m.GetProperty("txid").GetString() == expected.GetProperty("txid").GetString());
        Assert.Equal(destination, message.GetProperty("destination").GetString());
        Assert.Equal("PEPECASH", message.GetProperty("asset").GetString());
        Assert.Equal(777001, message.GetProperty("quantity").GetInt64());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_indexed_routes()
    {
        var (status, json) = await GetJson("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, status);
        var paths = json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var route in new[]
                 {
                     "/api/v1/tx/{txid}", "/api/v1/blocks/{id}", "/api/v1/assets/{protocol}/{assetId}",
                     "/api/v1/assets/{protocol}/{assetId}/transfers", "/api/v1/assets/{protocol}/{assetId}/holders",
                     "/api/v1/addresses/{address}", "/api/v1/search", "/api/v1/mempool",
                     "/api/v1/addresses/{address}/balances", "/api/v1/addresses/{address}/history",
                     "/api/v1/blocks/{id}/transactions", "/api/v1/addresses/{address}/counterparty-messages",
                     "/api/v1/addresses/{address}/counterparty-ledger",
                 })
            Assert.Contains(route, paths);
    }

    [Fact]
    public async Task Stale_blocks_of_the_fixture_are_not_found()
    {
        foreach (var stale in Truth.Root.GetProperty("stale").EnumerateArray())
        {
            var (status, _) = await GetJson($"/api/v1/blocks/{stale.GetString()}");
            Assert.Equal(HttpStatusCode.NotFound, status);
        }
    }

    [Theory]
    [InlineData("/api/v1/assets/colu/" + ColuAsset + "/holders")]
    [InlineData("/api/v1/assets/colu/" + ColuAsset + "/transfers")]
    [InlineData("busiest address")]
    public async Task Pages_of_one_walk_the_same_items_as_one_page(string route)
    {
        if (route == "busiest address")
        {
            // The address named by the most Open Assets and Colu events of the fixture.
            var (_, oa) = await GetJson($"/api/v1/assets/openassets/{OaAsset}/transfers?limit=100");
            var (_, colu) = await GetJson($"/api/v1/assets/colu/{ColuAsset}/transfers?limit=100");
            var busiest = oa.GetProperty("items").EnumerateArray().Concat(colu.GetProperty("items").EnumerateArray())
                .Where(e => e.GetProperty("address").ValueKind == JsonValueKind.String)
                .GroupBy(e => e.GetProperty("address").GetString()!).OrderByDescending(g => g.Count()).First().Key;
            route = $"/api/v1/addresses/{busiest}";
        }
        var itemsKey = route.Contains("/addresses/", StringComparison.Ordinal) ? "history" : "items";
        var (_, all) = await GetJson($"{route}?limit=100");
        var everything = all.GetProperty(itemsKey).EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.True(everything.Count >= 2, $"{route} has {everything.Count} items: too few to page");

        var paged = new List<string>();
        var url = $"{route}?limit=1";
        for (var pages = 0; pages < 100; pages++)
        {
            var (status, page) = await GetJson(url);
            Assert.Equal(HttpStatusCode.OK, status);
            paged.AddRange(page.GetProperty(itemsKey).EnumerateArray().Select(e => e.GetRawText()));
            if (page.GetProperty("next").ValueKind == JsonValueKind.Null) break;
            url = $"{route}?limit=1&cursor={Uri.EscapeDataString(page.GetProperty("next").GetString()!)}";
        }
        Assert.Equal(everything, paged);
    }
}
