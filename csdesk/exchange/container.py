"""The bytes around the JSON document: gzip compression and passphrase encryption.

A .csdesk file is one of:

* the JSON document itself (UTF-8, starting with ``{``);
* the JSON document gzip-compressed (starting with the gzip magic ``1f 8b``);
* either of those encrypted: ``MAGIC`` and a header, then AES-256-GCM ciphertext.

Encryption: a 256-bit key is derived from the passphrase (UTF-8, NFC-normalised) with
scrypt over a random 16-byte salt; AES-256-GCM encrypts with a fresh 12-byte nonce and
authenticates the whole header (magic, container version, KDF parameters, salt, nonce)
as associated data, so neither the ciphertext nor the header can be changed unnoticed.
"""

from __future__ import annotations

import os
import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass

from csdesk.exchange import schema
from csdesk.exchange.errors import AccountFileProblem, PassphraseNeeded, WrongPassphrase

MAGIC = b"CSDESK-ENCRYPTED\n"
CONTAINER_VERSION = 1
KDF_SCRYPT = 1
# scrypt n = 2**17, r = 8, p = 1: about 0.3 s and 128 MiB to open a file, on purpose.
SCRYPT_LOG2_N = 17
SCRYPT_R = 8
SCRYPT_P = 1
# What a file may ask of the reader's machine (a crafted header must not exhaust it).
MAX_SCRYPT_MEMORY = 256 * 2**20  # 128 * r * n bytes
MIN_SCRYPT_LOG2_N = 10
MAX_SCRYPT_P = 4
SALT_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
_PARAMS = struct.Struct(">BBBBB")  # container version, kdf, log2(n), r, p
HEADER_BYTES = len(MAGIC) + _PARAMS.size + SALT_BYTES + NONCE_BYTES

GZIP_MAGIC = b"\x1f\x8b"
COMPRESS_ABOVE = 1024  # smaller documents are stored as they are
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Unpacked:
    document: bytes | bytearray  # the JSON text
    encrypted: bool
    compressed: bool


# _cryptography_late: cryptography is imported where a file is encrypted or decrypted,
# not with this module: the window imports the exchange package at start-up, most
# files are not encrypted, and it costs ~45 ms there. No import cycle is involved.
def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # see _cryptography_late

    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(secret)


def check_passphrase(passphrase: str) -> None:
    if not passphrase:
        raise AccountFileProblem(["passphrase: must not be empty"])


def pack(document: bytes, passphrase: str | None = None) -> bytes:
    """The file's bytes for a JSON document: compressed if that pays, then encrypted."""
    return pack_parts([document], passphrase)


def pack_parts(parts: list[bytes], passphrase: str | None = None) -> bytes:
    """``pack`` of the document these parts make, compressed part by part: a whole
    book's document is never joined into one string (each copy of ~0.5 GB held the
    interpreter lock, and the window with it, for a good part of a second)."""
    size = sum(len(p) for p in parts)
    if size > COMPRESS_ABOVE:
        level = 6 if size <= 32 * 2**20 else 1  # big books: speed over size
        compressed = _gzip(parts, level)
        payload = compressed if len(compressed) < size else b"".join(parts)
    else:
        payload = b"".join(parts)
    if passphrase is None:
        return payload
    check_passphrase(passphrase)
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    header = (MAGIC + _PARAMS.pack(CONTAINER_VERSION, KDF_SCRYPT, SCRYPT_LOG2_N, SCRYPT_R,
                                   SCRYPT_P) + salt + nonce)
    key = _key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # _cryptography_late

    return header + AESGCM(key).encrypt(nonce, payload, header)


def _gzip(parts: list[bytes], level: int) -> bytes:
    # mtime 0 and no file name: the same document always compresses to the same bytes
    packer = zlib.compressobj(level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    out = [packer.compress(p) for p in parts]
    out.append(packer.flush())
    return b"".join(out)


def is_encrypted(raw: bytes) -> bool:
    return raw.startswith(MAGIC)


def unpack(raw: bytes, label: str, passphrase: str | None = None) -> Unpacked:
    """The JSON document inside a file's bytes; ``AccountFileProblem`` naming ``label``
    for anything that is not a sound account file."""
    if not raw.strip():
        raise AccountFileProblem([f"{label}: is empty"])
    encrypted = False
    if raw.startswith(MAGIC):
        raw = _decrypt(raw, label, passphrase)
        encrypted = True
    elif len(raw) < len(MAGIC) and MAGIC.startswith(raw):
        raise AccountFileProblem([f"{label}: is truncated (the encryption header is cut "
                                  "short)"])
    compressed = raw.startswith(GZIP_MAGIC)
    document = _gunzip(raw, label) if compressed else raw
    if len(document) > schema.MAX_DOCUMENT_BYTES:
        raise AccountFileProblem([f"{label}: the document is larger than "
                                  f"{_mib(schema.MAX_DOCUMENT_BYTES)}"])
    if document.startswith(_BOM):
        document = document[len(_BOM):]
    first = _LEADING_SPACE.match(document)
    start = first.end() if first else 0
    if document[start:start + 1] != b"{":  # (no copy of a whole book to look at one byte)
        what = "the decrypted content" if encrypted else "it"
        raise AccountFileProblem([
            f"{label}: is not a csdesk account file ({what} is neither JSON, "
            "gzip-compressed JSON nor an encrypted account file)"])
    return Unpacked(document, encrypted, compressed)


def _mib(n: int) -> str:
    return f"{n / 2**20:g} MiB"


def _decrypt(raw: bytes, label: str, passphrase: str | None) -> bytes:
    if len(raw) < HEADER_BYTES + TAG_BYTES:
        raise AccountFileProblem([f"{label}: is truncated (shorter than an encrypted "
                                  "file's header)"])
    start = len(MAGIC)
    version, kdf, log2_n, r, p = _PARAMS.unpack_from(raw, start)
    if version != CONTAINER_VERSION:
        raise AccountFileProblem([
            f"{label}: was encrypted by a newer csdesk (encryption format {version}; this "
            f"csdesk reads {CONTAINER_VERSION}): update csdesk to open it"])
    if kdf != KDF_SCRYPT:
        raise AccountFileProblem([f"{label}: uses an unknown key derivation ({kdf})"])
    if (not MIN_SCRYPT_LOG2_N <= log2_n <= 30 or not 1 <= r <= 64
            or not 1 <= p <= MAX_SCRYPT_P or 128 * r * 2**log2_n > MAX_SCRYPT_MEMORY):
        raise AccountFileProblem([
            f"{label}: asks for scrypt parameters csdesk does not accept "
            f"(n = 2**{log2_n}, r = {r}, p = {p}); the header is damaged or forged"])
    if passphrase is None:
        raise PassphraseNeeded([f"{label}: is encrypted: a passphrase is needed"])
    check_passphrase(passphrase)
    salt_at = start + _PARAMS.size
    salt = raw[salt_at:salt_at + SALT_BYTES]
    nonce = raw[salt_at + SALT_BYTES:HEADER_BYTES]
    key = _key(passphrase, salt, log2_n, r, p)
    from cryptography.exceptions import InvalidTag  # see _cryptography_late
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(nonce, raw[HEADER_BYTES:], raw[:HEADER_BYTES])
    except InvalidTag:
        raise WrongPassphrase([
            f"{label}: wrong passphrase, or the file was changed or damaged after it was "
            "encrypted"]) from None


INFLATE_STEP = 8 * 2**20  # bytes of document made per call (see _gunzip)
FEED_STEP = 2**20  # bytes of compressed input given per call (see _gunzip)
_LEADING_SPACE = re.compile(rb"[ \t\r\n]*")


def _gunzip(raw: bytes, label: str) -> bytearray:
    """Decompress one gzip member, refusing more than MAX_DOCUMENT_BYTES of output (a
    small file that inflates to gigabytes is refused after reading just past the cap).

    The input goes in ``FEED_STEP`` at a time and the document grows ``INFLATE_STEP`` at
    a time in one buffer. No step copies or makes more than that, so none holds the
    interpreter lock for long: one call making the document whole, joining its parts at
    the end, or copying the rest of the input at each step (what ``unconsumed_tail``
    does) each held it for most of a second on a whole book's file."""
    cap = schema.MAX_DOCUMENT_BYTES
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    document = bytearray()
    size = 0
    view = memoryview(raw)
    fed = 0
    try:
        while fed < len(raw) and not inflater.eof:
            data: bytes | memoryview = view[fed:fed + FEED_STEP]
            fed += len(data)
            while data:
                part = inflater.decompress(data, min(cap + 1 - size, INFLATE_STEP))
                document += part
                size += len(part)
                if size > cap:
                    raise AccountFileProblem([
                        f"{label}: decompresses to more than {_mib(cap)}, more than an "
                        "account file may hold (a damaged file, or a compression bomb)"])
                if inflater.eof:
                    break
                data = inflater.unconsumed_tail
        if not inflater.eof:
            raise AccountFileProblem([f"{label}: is truncated (the compressed data ends "
                                      "early)"])
    except zlib.error as exc:
        raise AccountFileProblem([f"{label}: the compressed data is damaged ({exc})"]) from None
    finally:
        view.release()
    if inflater.unused_data or fed < len(raw):
        raise AccountFileProblem([f"{label}: has unexpected data after the compressed "
                                  "document"])
    return document
