"""Finds a cnnc library's descriptor function by reading its ELF dynamic symbol table.

Every symbol a cnnc library exports carries the model's prefix, which the caller does
not know; the descriptor function is the one defined, exported function whose name
ends in ``_cnnc_model``. This mirrors ``ELFDynamicSymbols.swift`` in the Swift runtime:
only the ELF header, the section headers and the two tables are read, every range is
checked against the file size, and a bad file raises ``ELFError`` with a reason that
completes "expected an ELF64 shared library, got ...".
"""

import os
import struct

DESCRIPTOR_SUFFIX = "_cnnc_model"

_SHT_STRTAB = 3
_SHT_DYNSYM = 11
_STB_GLOBAL = 1
_STB_WEAK = 2
_STT_FUNC = 2
_SYMBOL_SIZE = 24


class ELFError(Exception):
    """The file's dynamic symbols could not be read; the message is the reason."""


def _read(f, size, offset, count, what):
    if offset < 0 or count < 0 or offset + count > size:
        raise ELFError(
            f"a truncated file ({what} at offset {offset}, {count} bytes, lies past its end at {size} bytes)")
    f.seek(offset)
    data = f.read(count)
    if len(data) != count:
        raise ELFError(f"a file that could not be read ({what} at offset {offset})")
    return data


def dynamic_symbols(path):
    """(name, is_function, is_defined, is_exported) for each dynamic symbol, in table order."""
    try:
        f = open(path, "rb")
    except OSError as e:
        raise ELFError(f"a file that cannot be opened ({e.strerror})") from None
    with f:
        size = os.fstat(f.fileno()).st_size
        header = _read(f, size, 0, 64, "an ELF header")
        if header[:4] != b"\x7fELF":
            raise ELFError("a file without the ELF magic number")
        if header[4] != 2:
            raise ELFError("a 32-bit ELF file")
        if header[5] != 1:
            raise ELFError("a big-endian ELF file")
        (table_offset,) = struct.unpack_from("<Q", header, 0x28)
        entry_size, section_count = struct.unpack_from("<HH", header, 0x3A)
        if table_offset == 0:
            raise ELFError("an ELF file without section headers")
        if entry_size < 64:
            raise ELFError(f"section headers of {entry_size} bytes (expected at least 64)")
        if section_count == 0:
            # Extended numbering: the count lives in section 0's sh_size.
            (section_count,) = struct.unpack_from("<Q", _read(f, size, table_offset, entry_size, "section header 0"), 32)
        table = _read(f, size, table_offset, section_count * entry_size, "the section header table")

        def section(i):
            base = i * entry_size
            sh_type, = struct.unpack_from("<I", table, base + 4)
            offset, length, link = struct.unpack_from("<QQI", table, base + 24)
            entsize, = struct.unpack_from("<Q", table, base + 56)
            return sh_type, offset, length, link, entsize

        dynsym = next((section(i) for i in range(section_count) if section(i)[0] == _SHT_DYNSYM), None)
        if dynsym is None:
            raise ELFError("an ELF file without a dynamic symbol table")
        _, sym_offset, sym_size, link, sym_entsize = dynsym
        if link >= section_count or section(link)[0] != _SHT_STRTAB:
            raise ELFError(f"a dynamic symbol table linked to section {link}, which is not a string table")
        _, str_offset, str_size, _, _ = section(link)
        strings = _read(f, size, str_offset, str_size, "the dynamic string table")
        stride = sym_entsize or _SYMBOL_SIZE
        if not _SYMBOL_SIZE <= stride <= 4096:
            raise ELFError(f"dynamic symbols of {stride} bytes (expected {_SYMBOL_SIZE})")
        symbols = _read(f, size, sym_offset, sym_size, "the dynamic symbol table")

    result = []
    for index in range(1, len(symbols) // stride):  # symbol 0 is the reserved null symbol
        name_offset, info, _, shndx = struct.unpack_from("<IBBH", symbols, index * stride)
        end = strings.find(b"\0", name_offset) if name_offset < len(strings) else -1
        if end <= name_offset:
            continue
        name = strings[name_offset:end].decode("utf-8", "replace")
        binding = info >> 4
        result.append((name, info & 0xF == _STT_FUNC, shndx != 0, binding in (_STB_GLOBAL, _STB_WEAK)))
    return result


def descriptor_symbols(path):
    """The distinct names of the defined, exported ``*_cnnc_model`` functions in the file."""
    names = []
    for name, is_function, is_defined, is_exported in dynamic_symbols(path):
        if (is_function and is_defined and is_exported and name.endswith(DESCRIPTOR_SUFFIX)
                and len(name) > len(DESCRIPTOR_SUFFIX) and name not in names):
            names.append(name)
    return names
