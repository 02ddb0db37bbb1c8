#!/usr/bin/env bash
# wine_registry_live_vs_export.sh TLSPROBE_EXE: under Wine, with settings made by `wine reg add`,
#  1. tlsprobe.exe registry (the live registry, both views) and tlsprobe.exe registry --file on
#     `wine reg export` files of the same keys report the same settings and findings;
#  2. the --fix-file it writes imports with `wine reg import`, after which nothing blocks TLS 1.2
#     and the cipher side (an order policy without ECDHE_RSA AES-GCM, AES 256 switched off, a
#     REG_MULTI_SZ curve policy) offers a suite Azure front doors take.
set -u
exe=$1
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
WINEPREFIX=$(mktemp -d)
export WINEPREFIX
work=$(mktemp -d)
trap 'wineserver -k >/dev/null 2>&1; rm -rf "$WINEPREFIX" "$work"' EXIT
fail() { printf 'FAIL: %s\n' "$*"; exit 1; }
cd "$work" || exit 1
# The server first, then the prefix (DESIGN.md): every later wine call reuses this server.
wineserver --persistent=60
wineboot -i >/dev/null 2>&1 || fail "wineboot"

# A Windows 10 1903 machine, alike to RtlGetVersion and to an export: Wine's prefix defaults to
# Windows 7 (build 7601), whose suite list has no ECDHE_RSA AES-GCM for the cipher fix to add.
wine reg add 'HKCU\Software\Wine' /v Version /t REG_SZ /d win10 /f >/dev/null || fail "reg add"
wine reg add 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion' /v CurrentBuildNumber /t REG_SZ /d 18362 /f \
  /reg:64 >/dev/null || fail "reg add"
client='HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client'
wine reg add "$client" /v Enabled /t REG_DWORD /d 0 /f >/dev/null || fail "reg add"
wine reg add "$client" /v DisabledByDefault /t REG_DWORD /d 1 /f >/dev/null || fail "reg add"
wine reg add 'HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319' /v SchUseStrongCrypto /t REG_DWORD /d 1 /f /reg:64 >/dev/null
wine reg add 'HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319' /v SystemDefaultTlsVersions /t REG_DWORD /d 1 /f /reg:32 >/dev/null
wine reg add 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp' /v DefaultSecureProtocols \
  /t REG_DWORD /d 0xa0 /f /reg:64 >/dev/null
ssl_policy='HKLM\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL\00010002'
wine reg add "$ssl_policy" /v Functions /t REG_SZ \
  /d "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256" /f /reg:64 >/dev/null || fail "reg add"
wine reg add "$ssl_policy" /v EccCurves /t REG_MULTI_SZ /d 'NistP384\0curve25519' /f /reg:64 >/dev/null || fail "reg add"
wine reg add 'HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Ciphers\AES 256/256' /v Enabled \
  /t REG_DWORD /d 0 /f >/dev/null || fail "reg add"

# Always /y: without it reg export loops on its overwrite prompt.
wine reg export 'HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL' schannel.reg /y >/dev/null
wine reg export 'HKLM\SOFTWARE\Microsoft\.NETFramework' dotnet64.reg /y /reg:64 >/dev/null
wine reg export 'HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework' dotnet32.reg /y /reg:64 >/dev/null
wine reg export 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp' winhttp.reg /y /reg:64 >/dev/null
wine reg export 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion' os.reg /y /reg:64 >/dev/null
wine reg export 'HKLM\SOFTWARE\Policies\Microsoft\Cryptography' policy.reg /y /reg:64 >/dev/null

wine "$exe" registry --format json --fix-file fix.reg >live.json 2>live.err
[[ $? == 1 ]] || fail "live: expected exit 1; $(cat live.err)"
wine "$exe" registry --format json --file schannel.reg --file dotnet64.reg --file dotnet32.reg \
  --file winhttp.reg --file os.reg --file policy.reg >file.json 2>file.err
[[ $? == 1 ]] || fail "file: expected exit 1; $(cat file.err)"
/usr/bin/python3 - live.json file.json <<'PY' || fail "live and export disagree"
import json, sys
live, exported = (json.load(open(p)) for p in sys.argv[1:3])
for key in ("schannel", "dotnet", "winhttp", "ciphers", "findings", "blocks_azure_backup"):
    if live[key] != exported[key]:
        print(key, json.dumps(live[key], indent=1), json.dumps(exported[key], indent=1))
        sys.exit(1)
if live["os"]["build"] != exported["os"]["build"]:
    print("os", live["os"], exported["os"]); sys.exit(1)
c = live["ciphers"]
want = {"source": "policy", "curves": ["NistP384", "curve25519"], "front_door_tls1_2_2023": False}
if any(c[k] != v for k, v in want.items()) or c["offered_tls1.2"] != ["TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"]:
    print("ciphers", json.dumps(c, indent=1)); sys.exit(1)
if "ciphers.tls1_2.no_front_door_suite" not in [f["id"] for f in live["findings"]]:
    print("no cipher finding", live["findings"]); sys.exit(1)
PY

wine reg import fix.reg >/dev/null 2>&1 || fail "wine reg import rejected the fix file"
wine "$exe" registry --format json >after.json 2>after.err
code=$?
[[ $code == 0 ]] || fail "after importing the fix: exit $code; $(cat after.json after.err)"
/usr/bin/python3 - after.json <<'PY' || fail "the cipher fix did not take"
import json, sys
after = json.load(open(sys.argv[1]))
c = after["ciphers"]
if c["front_door_tls1_2_2023"] is not True or after["findings"]:
    print(json.dumps(c, indent=1), after["findings"]); sys.exit(1)
PY
echo "ok: live registry and reg export agree; the fix file imports and unblocks TLS 1.2"
