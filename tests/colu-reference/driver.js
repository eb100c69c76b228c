// Differential-test driver: runs Colu's own npm packages (cc-transaction 1.2.1, cc-get-assets-outputs 1.2.1,
// cc-assetid-encoder 0.6.2) over JSON-lines cases read from stdin and writes one JSON answer line per case.
// Usage: node driver.js <COLU_REF_DIR>   (the folder scripts/setup-colu-reference.sh installs into)
// Case kinds:
//   {"id":1,"op":"decode","hex":"4343..."}                         -> Transaction.fromHex(hex).toJson()
//   {"id":2,"op":"encode","tx":{type,version,noRules,torrentHash,sha2,amount,divisibility,lockStatus,aggregationPolicy,payments}}
//                                                                  -> Transaction.encode(): codeBuffer + leftover
//   {"id":3,"op":"colorize","hex":"4343...","txid":"..","vin":[{txid,vout,previousOutput,scriptSig,address,assets}],"voutCount":3}
//                                                                  -> decode, then cc-get-assets-outputs
//   {"id":4,"op":"assetid","ccdata":{...},"vin":[{...}]}           -> cc-assetid-encoder
'use strict'
var path = require('path')
var readline = require('readline')

var dir = process.argv[2]
if (!dir) { console.error('usage: node driver.js <COLU_REF_DIR>'); process.exit(2) }
function load (name) { return require(path.join(dir, 'node_modules', name)) }
var Transaction = load('cc-transaction')
var getAssetsOutputs = load('cc-get-assets-outputs')
var assetIdEncoder = load('cc-assetid-encoder')

function buildTransaction (tx) {
  var t = Transaction.newTransaction(0x4343, tx.version)
  if (tx.type === 'issuance') {
    t.setAmount(tx.amount, tx.divisibility)
    t.setLockStatus(tx.lockStatus)
    t.setAggregationPolicy(tx.aggregationPolicy)
  }
  if (tx.noRules === false) t.allowRules()
  if (tx.torrentHash) t.setHash(tx.torrentHash, tx.sha2)
  else if (tx.sha2) t.sha2 = Buffer.from(tx.sha2, 'hex')
  tx.payments.forEach(function (p) {
    if (p.burn) t.addBurn(p.input, p.amount, p.percent)
    else t.addPayment(p.input, p.amount, p.output, p.range, p.percent)
  })
  return t
}

function denseOutputs (assets, voutCount) {
  var n = Math.max(voutCount, assets.length)
  var out = []
  for (var i = 0; i < n; i++) out.push(assets[i] || [])
  return out
}

function run (c) {
  switch (c.op) {
    case 'decode':
      return { tx: Transaction.fromHex(c.hex).toJson() }
    case 'encode': {
      var r = buildTransaction(c.tx).encode()
      return { hex: r.codeBuffer.toString('hex'), leftover: r.leftover.map(function (b) { return b.toString('hex') }) }
    }
    case 'colorize': {
      var ccdata = Transaction.fromHex(c.hex).toJson()
      var raw = { txid: c.txid, vin: c.vin, vout: new Array(c.voutCount).fill(0).map(function (_, i) { return { n: i } }), ccdata: [ccdata] }
      var assets = getAssetsOutputs(raw)
      return { outputs: denseOutputs(assets, c.voutCount), overflow: raw.overflow }
    }
    case 'assetid': {
      var id = assetIdEncoder({ ccdata: [c.ccdata], vin: c.vin })
      return { assetId: id === undefined ? null : id }
    }
    default:
      throw new Error('unknown op ' + c.op)
  }
}

var rl = readline.createInterface({ input: process.stdin, terminal: false })
var out = []
rl.on('line', function (line) {
  if (!line.trim()) return
  var c = JSON.parse(line)
  var answer
  try {
    answer = run(c)
    answer.ok = true
  } catch (e) {
    answer = { ok: false, error: String(e && e.message || e) }
  }
  answer.id = c.id
  out.push(JSON.stringify(answer))
  if (out.length >= 1000) { process.stdout.write(out.join('\n') + '\n'); out = [] }
})
rl.on('close', function () {
  if (out.length) process.stdout.write(out.join('\n') + '\n')
})
