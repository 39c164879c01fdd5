#!/usr/bin/env python3
"""Independent verifier for Warden evidence bundles, written from docs/evidence-format.md.

Standard library only (Ed25519 verification from RFC 8032 section 6). Usage:
    verify.py BUNDLE [--inputs FILE.jsonl] [--key PUBKEY]
Exit status: 0 verified, 1 verification failed, 2 usage or I/O error.
Limitation: JCS member order uses Python's code-point sort, which equals UTF-16 order for the
Basic Multilingual Plane; Warden's own keys are ASCII.
"""
import base64, hashlib, json, sys

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
I = pow(2, (P - 1) // 4, P)

def _add(a, b):
    A, B = (a[1] - a[0]) * (b[1] - b[0]) % P, (a[1] + a[0]) * (b[1] + b[0]) % P
    C, Dd = 2 * a[3] * b[3] * D % P, 2 * a[2] * b[2] % P
    E, F, G, H = B - A, Dd - C, Dd + C, B + A
    return (E * F % P, G * H % P, F * G % P, E * H % P)

def _mul(s, pt):
    q = (0, 1, 1, 0)
    while s:
        if s & 1: q = _add(q, pt)
        pt, s = _add(pt, pt), s >> 1
    return q

def _decompress(b):
    y = int.from_bytes(b, "little"); sign = y >> 255; y &= (1 << 255) - 1
    if y >= P: return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P: x = x * I % P
    if (x * x - x2) % P or (x == 0 and sign): return None
    if x & 1 != sign: x = P - x
    return (x, y, 1, x * y % P)

GY = 4 * pow(5, P - 2, P) % P
G = _decompress(GY.to_bytes(32, "little"))

def ed25519_verify(pub, msg, sig):
    A, R = _decompress(pub), _decompress(sig[:32])
    s = int.from_bytes(sig[32:], "little")
    if A is None or R is None or s >= L: return False
    h = int.from_bytes(hashlib.sha512(sig[:32] + pub + msg).digest(), "little") % L
    l, r = _mul(s, G), _add(R, _mul(h, A))
    return (l[0] * r[2] - r[0] * l[2]) % P == 0 and (l[1] * r[2] - r[1] * l[2]) % P == 0

def jcs(v): return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
def sha(b): return hashlib.sha256(b).digest()
def mth(leaves):
    if not leaves: return sha(b"")
    if len(leaves) == 1: return sha(b"\x00" + leaves[0])
    k = 1 << ((len(leaves) - 1).bit_length() - 1)
    return sha(b"\x01" + mth(leaves[:k]) + mth(leaves[k:]))
def digest(s):
    assert s.startswith("sha256:"); return bytes.fromhex(s[7:])

class Fail(Exception): pass
def check(ok, what, where, expected, found):
    if not ok: raise Fail(f"{what} check failed at {where}: expected {expected}, found {found}")

def cited(v):
    if isinstance(v, dict):
        return {digest(x) for k, x in v.items() if k == "topology_hash"} | set().union(*map(cited, v.values()))
    return set().union(*map(cited, v)) if isinstance(v, list) else set()

def verify_chain(h, keys, topologies, inputs, records):
    name, seq, head = h["chain"], h["first_seq"], bytes.fromhex(h["first_prev"])
    check(seq > 0 or head == bytes(32), "header", name, "zero first_prev", h["first_prev"])
    active, used, refs = h["initial_key_id"], [h["initial_key_id"]], set()
    check(active in keys, "header", name, "initial key line", "none")
    offs = [i["offset"] for i in inputs]
    check(offs == sorted(set(offs)), "inputs", name, "increasing offsets", offs)
    by_offset, nxt, pending, first_pending = {i["offset"]: i["digest"] for i in inputs}, 0, [], seq
    for line in records:
        r, where = line["record"], f"chain {name} seq {line['record']['seq']}"
        check(r["seq"] == seq, "sequence", where, seq, r["seq"])
        check(r["prev"] == head.hex(), "prev", where, head.hex(), r["prev"])
        hsh = sha(b"warden.evidence.record.v1\x00" + head + jcs(r))
        check(hsh.hex() == line["hash"], "hash", where, hsh.hex(), line["hash"])
        signed = r["kind"] in ("checkpoint", "key_rotation")
        check(signed == ("sig" in line), "signature_presence", where, signed, "sig" in line)
        if signed:
            check(line["sig"]["key_id"] == active, "signing_key", where, active, line["sig"]["key_id"])
            ok = ed25519_verify(keys[active], b"warden.evidence.signature.v1\x00" + hsh, bytes.fromhex(line["sig"]["signature"]))
            check(ok, "signature", where, "valid Ed25519", "invalid")
        inp = r.get("input")
        if inp:
            check(f"{inp['topic']}/{inp['partition']}/" == name.rsplit("/", 1)[0] + "/", "inputs", where, "chain partition", inp)
            if offs and inp["offset"] >= offs[0]:
                check(by_offset.get(inp["offset"]) == inp["digest"], "input_digest", where, inp["digest"], by_offset.get(inp["offset"]))
        for t in cited(r["body"]):
            check(t in topologies, "topology", where, t.hex(), "none"); refs.add(t)
        b = r["body"]
        if r["kind"] == "checkpoint":
            check(b["key_id"] == active, "signing_key", where, active, b["key_id"])
            want = {"count": len(pending), "root": mth(pending).hex()}
            if pending: want.update(first_seq=first_pending, last_seq=seq - 1)
            check(b["records"] == want, "records_root", where, want, b["records"])
            start = nxt
            while "last_offset" in b["inputs"] and nxt < len(inputs) and inputs[nxt]["offset"] <= b["inputs"]["last_offset"]: nxt += 1
            cov = inputs[start:nxt]
            want = {"count": len(cov), "root": mth([digest(i["digest"]) for i in cov]).hex()}
            if cov: want.update(first_offset=cov[0]["offset"], last_offset=cov[-1]["offset"])
            check(b["inputs"] == want, "inputs_root", where, want, b["inputs"])
            pending = []
        else:
            if not pending: first_pending = r["seq"]
            pending.append(hsh)
        if r["kind"] == "key_rotation":
            check(b["key_id"] == active, "signing_key", where, active, b["key_id"])
            new = bytes.fromhex(b["new_public_key"])
            check(sha(new).hex() == b["new_key_id"], "malformed", where, sha(new).hex(), b["new_key_id"])
            active = b["new_key_id"]; keys.setdefault(active, new); used.append(active)
        head, seq = hsh, seq + 1
    check(seq - 1 == h["last_seq"] and head.hex() == h["last_hash"], "truncated", name, (h["last_seq"], h["last_hash"]), (seq - 1, head.hex()))
    check(records and records[-1]["record"]["kind"] == "checkpoint", "truncated", name, "ends at a checkpoint", "other")
    check(nxt == len(inputs), "inputs", name, "all inputs covered", f"{len(inputs) - nxt} uncovered")
    print(f"chain {name}: seq {h['first_seq']}...{seq - 1}, head {head.hex()}, keys {' -> '.join(used)}")
    return used, refs, len(records)

def verify(path, inputs_path, key_path):
    data = open(path, "rb").read()
    check(data.endswith(b"\n"), "truncated", "end of file", "final newline", "none")
    lines = [json.loads(l) for l in data.split(b"\n")[:-1]]
    for n, (raw, v) in enumerate(zip(data.split(b"\n"), lines), 1):
        check(jcs(v) == raw, "malformed", f"line {n}", "canonical JSON", raw[:60])
    header = lines[0]["header"]
    check(header["format"] == "warden.evidence.bundle.v1", "header", "line 1", "format", header["format"])
    keys, topologies, per = {}, {}, {h["chain"]: ([], []) for h in header["chains"]}
    for l in lines[1:]:
        if "key" in l:
            pub = bytes.fromhex(l["key"]["public_key"]); check(sha(pub).hex() == l["key"]["key_id"], "malformed", "key", "key id", l["key"])
            keys[l["key"]["key_id"]] = pub
        elif "topology" in l:
            src = base64.b64decode(l["topology"]["source"]); t = digest(l["topology"]["hash"])
            check(sha(src) == t, "malformed", "topology", t.hex(), sha(src).hex()); topologies[t] = src
        elif "input" in l: per[l["input"]["chain"]][0].append(l["input"])
        else: per[l["record"]["chain"]][1].append(l)
    used, refs, count = set(), set(), 0
    trusted = sha(base64.b64decode(open(key_path).read().strip())).hex() if key_path else None
    for h in header["chains"]:
        u, t, c = verify_chain(h, dict(keys), topologies, *per[h["chain"]])
        check(trusted is None or trusted in u, "trusted_key", h["chain"], trusted, u)
        used |= set(u); refs |= t; count += c
    check(set(keys) == used and set(topologies) == refs, "layout", "bundle", "only used keys/topologies", "extra lines")
    if inputs_path:
        supplied = {}
        for l in open(inputs_path, "rb").read().splitlines():
            i = json.loads(l); supplied[(i["topic"], i["partition"], i["offset"])] = sha(base64.b64decode(i["value"]))
        for h in header["chains"]:
            topic, part, _ = h["chain"].split("/")
            for i in per[h["chain"]][0]:
                got = supplied.get((topic, int(part), i["offset"]))
                check(got == digest(i["digest"]), "input_content", f"{h['chain']} offset {i['offset']}", i["digest"], got and got.hex())
    print(f"records checked: {count}")

if __name__ == "__main__":
    args, opts = [], {}
    it = iter(sys.argv[1:])
    for a in it:
        if a in ("--inputs", "--key"): opts[a] = next(it, None)
        else: args.append(a)
    if len(args) != 1 or None in opts.values():
        print(__doc__, file=sys.stderr); sys.exit(2)
    try:
        verify(args[0], opts.get("--inputs"), opts.get("--key"))
    except OSError as e:
        print(f"error: {e}", file=sys.stderr); sys.exit(2)
    except (Fail, KeyError, ValueError, AssertionError, TypeError) as e:
        print(f"result: FAILED\nfirst failure: {e}"); sys.exit(1)
    print("result: VERIFIED")
