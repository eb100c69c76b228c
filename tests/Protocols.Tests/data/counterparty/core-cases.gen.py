import json
REPO = "CounterpartyXCP/counterparty-core"
C = "counterparty-core/counterpartycore/test/units/api/compose_test.py@0682eb7a6c1ca8a90a68daaae68305093d9a431a"
E = "counterparty-core/counterpartycore/test/units/messages/versions/enhancedsend_test.py@0cc90522ed6fe0c09239905446dee970dbade631"
S = "counterparty-core/counterpartycore/test/units/messages/send_test.py@18de91c4e13aa2ef2c734f95ded6a08f3b2fc825"
cases = []
def add(src, test, data, typ, tid, fields=None, rules="regtest", height=None, valid=True, error=None, note=None):
    c = {"id": f"{len(cases)+1:03d}-{typ}", "source": f"{REPO} {src}", "test": test, "rules": rules, "height": height,
         "data": data, "messageType": typ, "messageTypeId": tid, "valid": valid}
    if fields is not None: c["fields"] = fields
    if error: c["error"] = error
    if note: c["note"] = note
    cases.append(c)

def iss(asset_id, asset, qty, div, desc, lock=False, reset=False, longname=None):
    return {"asset_id": asset_id, "asset": asset, "subasset_longname": longname, "quantity": qty, "divisible": div,
            "lock": lock, "reset": reset, "callable": False, "call_date": 0, "call_price": 0.0, "description": desc, "mime_type": "text/plain"}
def order(ga, gq, ta, tq, exp, fee): return {"give_asset": ga, "give_quantity": gq, "get_asset": ta, "get_quantity": tq, "expiration": exp, "fee_required": fee}
def send(a, q): return {"asset": a, "quantity": q}
def bc(ts, v, fee, text): return {"timestamp": ts, "value": v, "fee_fraction_int": fee, "text": text, "mime_type": "text/plain"}
def bet(bt, dl, w, cw, tv, lev, exp): return {"bet_type": bt, "deadline": dl, "wager_quantity": w, "counterwager_quantity": cw, "target_value": tv, "leverage": lev, "expiration": exp}

unpack = [
 ("14000000a25be34b66000000174876e800010000446976697369626c65206173736574", "issuance", 20, iss(697326324582, "DIVISIBLE", 100000000000, True, "Divisible asset")),
 ("000000140006cad8dc7f0b6600000000000003e80000004e6f20646976697369626c65206173736574", "issuance", 20, iss(1911882621324134, "NODIVISIBLE", 1000, False, "No divisible asset")),
 ("0000001400000003c58e5c5600000000000003e801000043616c6c61626c65206173736574", "issuance", 20, iss(16199343190, "CALLABLE", 1000, True, "Callable asset")),
 ("0000001400000000082c82e300000000000003e80100004c6f636b6564206173736574", "issuance", 20, iss(137134819, "LOCKED", 1000, True, "Locked asset")),
 ("0000001400000000082c82e300000000000000000100004c4f434b", "issuance", 20, iss(137134819, "LOCKED", 0, True, "LOCK")),
 ("0000000a00000000000000010000000005f5e100000000a25be34b660000000005f5e10007d00000000000000000", "order", 10, order("XCP", 100000000, "DIVISIBLE", 100000000, 2000, 0)),
 ("00000000000000a25be34b660000000005f5e100", "send", 0, send("DIVISIBLE", 100000000)),
 ("0000000000000000000000010000000005f5e100", "send", 0, send("XCP", 100000000)),
 ("0000000a00000000000000010000000005f5e100000000000000000000000000000f424007d000000000000dbba0", "order", 10, order("XCP", 100000000, "BTC", 1000000, 2000, 900000)),
 ("0000000a000000000000000000000000000a2c2b00000000000000010000000005f5e10007d00000000000000000", "order", 10, order("BTC", 666667, "XCP", 100000000, 2000, 0)),
 ("0000000000000000000000010000000011e1a300", "send", 0, send("XCP", 300000000)),
 ("00000000000000a25be34b66000000003b9aca00", "send", 0, send("DIVISIBLE", 1000000000)),
 ("000000000006cad8dc7f0b660000000000000005", "send", 0, send("NODIVISIBLE", 5)),
 ("000000000006cad8dc7f0b66000000000000000a", "send", 0, send("NODIVISIBLE", 10)),
 ("000000140000000000033a3e7fffffffffffffff0100004d6178696d756d207175616e74697479", "issuance", 20, iss(211518, "MAXI", 9223372036854775807, True, "Maximum quantity")),
 ("0000001e52bb33003ff0000000000000004c4b4009556e69742054657374", "broadcast", 30, bc(1388000000, 1.0, 5000000, "Unit Test")),
 ("0000001e4cc552003ff000000000000000000000046c6f636b", "broadcast", 30, bc(1288000000, 1.0, 0, "lock")),
 ("00000028000152bb3301000000000000000900000000000000090000000000000000000013b000000064", "bet", 40, bet(1, 1388000001, 9, 9, 0.0, 5040, 100)),
 ("00000028000052bb3301000000000000000900000000000000090000000000000000000013b000000064", "bet", 40, bet(0, 1388000001, 9, 9, 0.0, 5040, 100)),
 ("00000028000352bb33c8000000000000000a000000000000000a0000000000000000000013b0000003e8", "bet", 40, bet(3, 1388000200, 10, 10, 0.0, 5040, 1000)),
 ("0000001e52bb33023ff0000000000000004c4b4009556e69742054657374", "broadcast", 30, bc(1388000002, 1.0, 5000000, "Unit Test")),
 ("0000000c000000000000000100000000000000640000000000000064000000000000006400", "dispenser", 12, {"asset": "XCP", "give_quantity": 100, "escrow_quantity": 100, "mainchainrate": 100, "dispenser_status": 0, "action_address": None, "oracle_address": None}),
 ("0000001400078a8fe2e5e44100000000000003e800000050534820697373756564206173736574", "issuance", 20, iss(2122675428648001, "PAYTOSCRIPT", 1000, False, "PSH issued asset")),
 ("00000014000038fedf6d2c6900000000000003e80100004c6f636b6564206173736574", "issuance", 20, iss(62667321322601, "LOCKEDPREV", 1000, True, "Locked asset")),
 ("00000014000038fedf6d2c6900000000000000000100004c4f434b", "issuance", 20, iss(62667321322601, "LOCKEDPREV", 0, True, "LOCK")),
 ("00000014000038fedf6d2c6900000000000000000100006368616e676564", "issuance", 20, iss(62667321322601, "LOCKEDPREV", 0, True, "changed")),
 ("0000000200000000000000010000000005f5e1006f8d6ae8a3b381663118b4e1eff4cfc7d0954dd6ec68656c6c6f", "enhanced_send", 2, {"asset": "XCP", "quantity": 100000000, "address": "mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", "memo": "68656c6c6f"}),
 ("0000000200000000000000010000000005f5e1006f4838d8b3588c4c7ba7c1d06f866e9b3739c63037fade0001", "enhanced_send", 2, {"asset": "XCP", "quantity": 100000000, "address": "mn6q3dS2EnDUx3bmyWc6D4szJNVGtaR7zc", "memo": "fade0001"}),
 ("0000001e52bb33023ff000000000000000000000096f7074696f6e732030", "broadcast", 30, bc(1388000002, 1.0, 0, "options 0")),
 ("0000001e52bb33033ff000000000000000000000046c6f636b", "broadcast", 30, bc(1388000003, 1.0, 0, "lock")),
 ("0000001e52bb33043ff000000000000000000000096f7074696f6e732031", "broadcast", 30, bc(1388000004, 1.0, 0, "options 1")),
 ("0000000a00000000000000010000000005f5e100000000000000000000000000000c350007d000000000000dbba0", "order", 10, order("XCP", 100000000, "BTC", 800000, 2000, 900000)),
 ("0000000a000000000000000000000000000c350000000000000000010000000005f5e10007d00000000000000000", "order", 10, order("BTC", 800000, "XCP", 100000000, 2000, 0)),
 ("00000014000000063e985ffd0000000000000064010000", "issuance", 20, iss(26819977213, "DIVIDEND", 100, True, "")),
 ("00000000000000063e985ffd000000000000000a", "send", 0, send("DIVIDEND", 10)),
 ("00000000000000000000000100000015a4018c1e", "send", 0, send("XCP", 92945878046)),
 ("00000014000000000aa4097d0000000005f5e100010000506172656e74206173736574", "issuance", 20, iss(178522493, "PARENT", 100000000, True, "Parent asset")),
 ("17015308218f586bb000000000000003e8010000108e90a57dba99d3a77b0a2470b1816edb", "issuance", 23, iss(95428957336791984, "A95428957336791984", 1000, True, "", longname="PARENT.a-zA-Z0-9.-_@!")),
 ("0480bf37348af3d14ffaefcabb3fcf094293b8cc1c8e0273776565656565656570", "sweep", 4, {"destination": "bcrt1qhumnfzhn698l4m72hvlu7z2zjwuvc8ywywg0e4", "flags": 2, "memo": "sweeeeeeep"}),
]
for rules, test in (("regtest", "test_unpack_taproot_support"), ("regtest-no-taproot", "test_unpack_no_taproot_support")):
    for data, typ, tid, fields in unpack:
        add(C, test, data, typ, tid, fields, rules=rules)

stamp = "14a9e4545303ba895000000000000000010000005354414d503a6956424f5277304b47676f414141414e535568455567414141426741414141594341594141414467647a33344141414166556c4551565234326d4e674741576a5948694151444f652f3967775451326e69695745444b6649456e52444375316c4d5444564c4d426d4f4c496c4646735170735941787367477738544973674464395543682f30586d6e436757774d536f59674856673268414c5141467a64443177566d473033424d555435417936563458553831433941744176477037674d51473459704b6f767742524846686d4d42474261516f686b41586e4d6d3775756468445141414141415355564f524b35435949493d"
add(C, "test_unpack_old (taproot_support disabled, block 784320; mainnet tx 3f63237449ff4e8acf9f19e24b6a7760893d61e00c69036381b5fee291a613ac)", stamp, "issuance", 20,
    iss(12242002402621426000, "A12242002402621426000", 1, False, "STAMP:iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAYAAADgdz34AAAAfUlEQVR42mNgGAWjYHiAQDOe/9gwTQ2niiWEDKfIEnRDCu1lMTDVLMBmOLIlFFsQpsYAxsgGw8TIsgDd9UCh/0XmnCgWwMSoYgHVg2hALQAFzdD1wVmG03BMUT5Ay6V4XU81C9AtAvGp7gMQG4YpKovwBRHFhmMBGBaQohkAXnMm7uudhDQAAAAASUVORK5CYII="),
    rules="mainnet", height=784320)
add(C, "test_unpack_mpma (block 784320, pre mpma_taproot_support LUT)", "00000003" + "00026f4e5638a01efbb2f292481797ae1dcfcdaeb98d006f8d6ae8a3b381663118b4e1eff4cfc7d0954dd6ec400000000000000060000000005f5e10040000000017d78400", "mpma", 3,
    {"sends": [{"asset": "XCP", "destination": "P2PKH:4e5638a01efbb2f292481797ae1dcfcdaeb98d00", "quantity": 100000000, "memo": None, "memo_is_hex": None},
               {"asset": "XCP", "destination": "mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", "quantity": 100000000, "memo": None, "memo_is_hex": None}]},
    rules="regtest-no-taproot", note="destination of LUT slot 0 = regtest P2PKH of that hash (defaults addresses[2])")
add(C, "test_unpack_unknown_message_type", "0000270f00000000000000010000000005f5e100", "unknown", 9999, None, valid=False, error="UnknownMessageType")
add(C, "test_unpack_btcpay (32-byte body: type recognised, body does not unpack)", "0000000b" + "aa"*32, "btcpay", 11, None, valid=False, error="Truncated")
add(C, "test_unpack_cancel", "00000046" + "bb"*32, "cancel", 70, {"offer_hash": "bb"*32})
add(C, "test_unpack_destroy", "0000006e" + "0000000000000001" + "00000000000003e8" + "74657374", "destroy", 110, {"asset": "XCP", "quantity": 1000, "tag": "74657374"})
add(C, "test_unpack_dispense (32-byte body is not the dispense byte)", "0000000d" + "cc"*32, "dispense", 13, None, valid=False, error="InvalidLength")
add(C, "test_unpack_dividend (asset id 2 names no asset)", "00000032" + "0000000000000001" + "0000000000000002" + "0000000000000001", "dividend", 50, {"quantity_per_unit": 1, "asset": None, "dividend_asset": "XCP"})
add(C, "test_unpack_rps (layout error)", "0000005000000000000003e800000000000003e8" + "ff"*32 + "0064", "rps", 80, None, valid=False, error="TrailingBytes")
add(C, "test_unpack_rpsresolve (layout error)", "00000051" + "aa"*5 + "bb"*32, "rpsresolve", 81, None, valid=False, error="Truncated")
add(C, "test_unpack_attach (binary body: not UTF-8 asset|quantity|vout text)", "00000065" + "0000000000000001" + "00000000000003e8", "attach", 101, None, valid=False, error="InvalidEncoding")
add(C, "test_unpack_detach (21 packed bytes are not UTF-8 text)", "00000066" + "6f4838d8b3588c4c7ba7c1d06f866e9b3739c63037", "detach", 102, None, valid=False, error="InvalidEncoding")

# enhancedsend_test.py
add(E, "test_compose (taproot) / test_unpack", "0284011903e855018d6ae8a3b381663118b4e1eff4cfc7d0954dd6ec446d656d6f", "enhanced_send", 2,
    {"asset": "XCP", "quantity": 1000, "address": "mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", "memo": "6d656d6f"})
add(E, "test_compose (taproot_support disabled)", "02" + "0000000000000001" + "00000000000003e8" + "6f8d6ae8a3b381663118b4e1eff4cfc7d0954dd6ec" + "6d656d6f", "enhanced_send", 2,
    {"asset": "XCP", "quantity": 1000, "address": "mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", "memo": "6d656d6f"}, rules="regtest-no-taproot")
add(E, "test_unpack: CBOR naming BTC falls back to the struct, 'invalid message length'", "0284001903e855018d6ae8a3b381663118b4e1eff4cfc7d0954dd6ec446d656d6f", "enhanced_send", 2, None, valid=False, error="Truncated")
add(E, "test_unpack_with_block_index_uses_cbor_when_taproot_on: cbor2.dumps([1, 1000, b'\\x00' + hash, b''])", "0284011903e855008d6ae8a3b381663118b4e1eff4cfc7d0954dd6ec40", "enhanced_send", 2,
    {"asset": "XCP", "quantity": 1000})
add(E, "test_unpack_with_block_index_falls_back_when_taproot_off: b'\\x84\\x00'", "028400", "enhanced_send", 2, None, rules="regtest-no-taproot", valid=False, error="Truncated")

# send_test.py test_compose_valid (short_tx_type_id, enhanced_sends disabled)
for d, a, q in (("00000000000000000000000100000000" + "02faf080", "XCP", 50000000), ("0000000000000000000000010000000005f5e100", "XCP", 100000000),
                ("00000000" + "0000000000033a3e" + "7fffffffffffffff", "MAXI", 9223372036854775807),
                ("00000000" + "0153082206e46325" + "0000000005f5e100", "A95428959342453541", 100000000)):
    add(S, "test_compose_valid", d, "send", 0, send(a, q), rules="regtest-no-short-ids")
add(S, "test_compose_valid (enhanced send to a P2WPKH address, segwit packing 0x80 + program)", "02" + "0000000000000001" + "00000000000186a0" + "804f5d14e864f9653aa69f79bc06e30627cea84f6e" + "736567776974", "enhanced_send", 2,
    {"asset": "XCP", "quantity": 100000, "address": "P2WPKH:4f5d14e864f9653aa69f79bc06e30627cea84f6e", "memo": "736567776974"}, rules="regtest-no-taproot")

F = "counterparty-core/counterpartycore/test/units/messages/fairminter_test.py@0fb3b38dadf63d1ccc0e0f34c3aa43d16e0c60cb"
def fm(asset, parent, price, qbp, mtx, maddr, hard, pre, start, end, soft, dl, comm, burn, ld, lq, div, mime, desc):
    d = {"asset": asset, "asset_parent": parent, "price": price, "quantity_by_price": qbp, "max_mint_per_tx": mtx}
    if maddr is not None: d["max_mint_per_address"] = maddr
    d.update({"hard_cap": hard, "premint_quantity": pre, "start_block": start, "end_block": end, "soft_cap": soft,
              "soft_cap_deadline_block": dl, "minted_asset_commission": comm, "burn_payment": burn, "lock_description": ld,
              "lock_quantity": lq, "divisible": div, "description": desc})
    if mime is not None: d["mime_type"] = mime
    return d
body = b"\x93\x1b\x00\x00\x18\xc0\xfd\xcd\xeb_\x00\x00\x01\n\x00\x19\x03\xe8\x18d\x1a\x00\x0c5\x00\x1a\x00\r\xbb\xa0\x182\x1a\x00\x0c\xf8P\x1a\x00\x98\x96\x80\xf4\xf4\xf5\xf5`Sune asset super top"
add(F, "test_unpack (CBOR)", "5a" + body.hex(), "fairminter", 90, fm("FAIRMINTED", "", 0, 1, 10, 0, 1000, 100, 800000, 900000, 50, 850000, 0.1, False, False, True, True, "text/plain", "une asset super top"))
add(F, "test_compose (CBOR, defaults)", (b"Z\x93\x1b\x00\x00\x18\xc0\xfd\xcd\xeb_\x00\x00\x01\n\x00\x00\x00\x00\x00\x00\x00\x00\xf4\xf4\xf4\xf5`@").hex(), "fairminter", 90,
    fm("FAIRMINTED", "", 0, 1, 10, 0, 0, 0, 0, 0, 0, 0, 0, False, False, False, True, "text/plain", ""))
add(F, "test_compose_long_description (CBOR)", (b"Z\x93\x1b\x00\x00\x18\xc0\xfd\xcd\xeb_\x00\x00\x01\n\x00\x19\x03\xe8\x18d\x1a\x00\x0c5\x00\x1a\x00\r\xbb\xa0\x182\x1a\x00\x0c\xf8P\x1a\x00\x98\x96\x80\xf4\xf4\xf5\xf5`X\x1e" + b"a"*30).hex(), "fairminter", 90,
    fm("FAIRMINTED", "", 0, 1, 10, 0, 1000, 100, 800000, 900000, 50, 850000, 0.1, False, False, True, True, "text/plain", "a"*30))
add(F, "test_compose_2 (CBOR; end_block = the fixture's current_block_index + 1 = 0x078b)", (b"Z\x93\x1b\x00\x00\x18\xc0\xfd\xcd\xeb_\x00\x01\x03\n\x00\x00\x00\x00\x19\x07\x8b\x00\x00\x00\xf4\xf4\xf4\xf5`@").hex(), "fairminter", 90,
    fm("FAIRMINTED", "", 1, 3, 10, 0, 0, 0, 0, 1931, 0, 0, 0, False, False, False, True, "text/plain", ""))
add(F, "test_unpack (garbage: not the CBOR array, unpack gives its defaults)", "5a" + (b"\x06_\xeb\xcd\xfd\xc0\x18\x00\x00\x03\x01d\x03\x005\x0c\x03\xa0\xbb\r\x012\x03P\xf8\x0c\x03\x80\x96\x98\x01\x01\x01\x01\x13une asset super top").hex(), "fairminter", 90, None, valid=False, error="InvalidEncoding")
add(F, "test_compose (fairminter_v2 disabled: '|' layout)", b"ZFAIRMINTED||0|1|10|0|0|0|0|0|0|0|0|0|0|1|".hex(), "fairminter", 90,
    fm("FAIRMINTED", "", 0, 1, 10, None, 0, 0, 0, 0, 0, 0, 0, False, False, False, True, None, ""), rules="regtest-no-taproot")
add(F, "test_compose (fairminter_v2 disabled, all parameters)", b"ZFAIRMINTED||0|1|10|1000|100|800000|900000|50|850000|10000000|0|0|1|1|une asset super top".hex(), "fairminter", 90,
    fm("FAIRMINTED", "", 0, 1, 10, None, 1000, 100, 800000, 900000, 50, 850000, 0.1, False, False, True, True, None, "une asset super top"), rules="regtest-no-taproot")
add(F, "test_parse_fairminter_soft_cap (fairminter_v2 disabled)", b"ZFAIRMINTED||0|1|10|1000|100|0|900000|50|850000|10000000|0|0|1|1|une asset super top".hex(), "fairminter", 90,
    fm("FAIRMINTED", "", 0, 1, 10, None, 1000, 100, 0, 900000, 50, 850000, 0.1, False, False, True, True, None, "une asset super top"), rules="regtest-no-taproot")
add(F, "test_parse_fairminter_no_start (fairminter_v2 disabled)", b"ZFAIRMINTED||0|1|10|1000|100|0|900000|0|0|10000000|0|0|1|1|une asset super top".hex(), "fairminter", 90,
    fm("FAIRMINTED", "", 0, 1, 10, None, 1000, 100, 0, 900000, 0, 0, 0.1, False, False, True, True, None, "une asset super top"), rules="regtest-no-taproot")

W = "counterparty-core/counterpartycore/test/units/messages/sweep_test.py@074f50bfdc7f45dbaf7c08cf410b7153c78064e6"
A5 = "P2PKH:9c8d1f5405451de6070bf1db86ab6accb495b625"
leg = "6f9c8d1f5405451de6070bf1db86ab6accb495b625"
for flags, memo_hex, memo in ((1, "", None), (2, "", None), (3, "74657374", "test"), (7, "cafebabe", "cafebabe")):
    add(W, "test_compose / test_unpack (taproot_support disabled)", "04" + leg + f"{flags:02x}" + memo_hex, "sweep", 4,
        {"destination": A5, "flags": flags, "memo": memo}, rules="regtest-no-taproot")
    add(W, "test_legacy_unpack_taproot_activated", "04" + leg + f"{flags:02x}" + memo_hex, "sweep", 4,
        {"destination": A5, "flags": flags, "memo": memo})
add(W, "test_compose_2 / test_new_unpack (CBOR)", "048355018d6ae8a3b381663118b4e1eff4cfc7d0954dd6ec0140", "sweep", 4,
    {"destination": "mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", "flags": 1, "memo": None})
add(W, "test_compose_2 / test_new_unpack (CBOR, bytes memo)", "048355019c8d1f5405451de6070bf1db86ab6accb495b6250744cafebabe", "sweep", 4,
    {"destination": A5, "flags": 7, "memo": "cafebabe"})
add(W, "test_compose_2 / test_new_unpack (CBOR, text memo)", "048355019c8d1f5405451de6070bf1db86ab6accb495b6250344" + "74657374", "sweep", 4,
    {"destination": A5, "flags": 3, "memo": "test"})

I = "counterparty-core/counterpartycore/test/units/messages/issuance_test.py@03950d1777c7b8a9ea8839cdb00682691d01943e"
def b26(n):
    r = ""
    while n: n, d = divmod(n, 26); r = chr(65 + d) + r
    return r
def nm(h):
    i = int(h, 16)
    return "A%d" % i if i > 26**12 else b26(i)
legacy_iss = [
 ("16" + "00000000000bfce3" + "00000000000003e8" + "010000", 1000, True, "", None),
 ("16" + "0000000000ba4f73" + "00000000000003e8" + "010000", 1000, True, "", None),
 ("16" + "00000000000bfce3" + "00000000000003e8" + "010000" + b"description much much much longer than 42 letters".hex(), 1000, True, "description much much much longer than 42 letters", None),
 ("16" + "000000a25be34b66" + "0000000000000000" + "010000", 0, True, "", None),
 ("16" + "00000000dd96d274" + "7fffffffffffffff" + "010000" + b"Maximum quantity".hex(), 9223372036854775807, True, "Maximum quantity", None),
 ("17" + "01530821a2ab2f85" + "0000000005f5e100" + "010000" + "0a" + "57c6f36de23a1f5f4c46", 100000000, True, "", "PARENT.child1"),
 ("17" + "01530821a2ab2f85" + "0000000005f5e100" + "010000" + "0a" + "57c6f36de23a1f5f4c46" + b"hello world".hex(), 100000000, True, "hello world", "PARENT.child1"),
 ("17" + "01530821eb5bcc88" + "00000000000003e8" + "010000" + "0a" + "014a74856171ca3c559f", 1000, True, "", "PARENT.a.b.c"),
 ("17" + "015308218f586bb0" + "00000000000003e8" + "010000" + "10" + "8e90a57dba99d3a77b0a2470b1816edb", 1000, True, "", "PARENT.a-zA-Z0-9.-_@!"),
 ("16" + "0153082206e46325" + "00000000000003e8" + "010000", 1000, True, "", None),
 ("16" + "01530821671b1065" + "000000000bebc200" + "010000" + b"description".hex(), 200000000, True, "description", None),
]
for data, qty, div, desc, longname in legacy_iss:
    aid = data[2:18]
    add(I, "test_valid_compose_legacy (taproot_support disabled)", data, "issuance", int(data[:2], 16),
        iss(int(aid, 16), nm(aid), qty, div, desc, longname=longname), rules="regtest-no-taproot")
add(I, "test_parse_paid_subasset_reissuance (CBOR)", "14" + "871b0153082206e463251903e8f5f4f46040", "issuance", 20,
    iss(95428959342453541, "A95428959342453541", 1000, True, ""))
add(I, "test_reset_issuance (CBOR, reset)", "16" + "871b00000003c58e5c561901f4f4f4f560" + "47" + b"reseted".hex(), "issuance", 22,
    iss(16199343190, "CALLABLE", 500, False, "reseted", reset=True))
add(I, "test_parse_paid_subasset_before_activation (subassets disabled)", "15" + "01530821a2ab2f85" + "0000000005f5e100" + "010000" + "0a" + "57c6f36de23a1f5f4c46" + b"hello world".hex(),
    "issuance", 21, None, rules="regtest-no-subassets", valid=False, error="UnsupportedVersion")
add(I, "test_parse_paid_subasset_invalid_length (longname longer than the message)", "15" + "01530821671b1001" + "0000000005f5e100" + "01f0" + "57c6f36de23a1f5f4c46",
    "issuance", 21, None, valid=False, error="Truncated")

T = "counterparty-core/counterpartycore/test/units/messages/attach_test.py (stored version)"
add(T, "test_compose / test_unpack", b"eXCP|100|1".hex(), "attach", 101, {"asset": "XCP", "quantity": 100, "destination_vout": 1})
add(T, "test_compose / test_unpack (no destination vout)", b"eXCP|100|".hex(), "attach", 101, {"asset": "XCP", "quantity": 100, "destination_vout": None})

json.dump({"about": "Cases from counterparty-core's own test suites: message data in, counterparty-core's unpack result out. 'rules': regtest = every protocol change on; regtest-no-taproot = taproot_support disabled (ProtocolChangesDisabled); regtest-no-short-ids = short_tx_type_id and enhanced_sends disabled; regtest-no-subassets = subassets (and taproot) disabled; mainnet = mainnet heights at 'height'. 'P2PKH:<hash>'/'P2WPKH:<program>' stand for the regtest address of that hash. Expected fields omit counterparty-core's 'status' (ledger validity).",
           "cases": cases}, open("/work/wt/xcp/tests/Protocols.Tests/data/counterparty/core-cases.json", "w"), indent=1)
print(len(cases))
