import pytest

from ipcw.symbols import canonical, is_symbol, matches, parse_symbol, sort_key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ip/c/w/640/add.3", "IP/C/W/640/Add.3"),
        (" IP/C/W/34/Add.3/Suppl.3 ", "IP/C/W/34/Add.3/Suppl.3"),
        ("IP/C/W/644/REV.1/ADD.1", "IP/C/W/644/Rev.1/Add.1"),
        ("ip/c/r/tc/wto-omc/1", "IP/C/R/TC/WTO-OMC/1"),
    ],
)
def test_symbols_are_spelled_canonically(text: str, expected: str) -> None:
    assert canonical(text) == expected


def test_symbol_parts() -> None:
    symbol = parse_symbol("IP/C/W/34/Add.3/Suppl.3")
    assert (symbol.base, symbol.series, symbol.number) == ("IP/C/W/34", "IP/C/W", 34)
    assert symbol.chain == (("Add", 3), ("Suppl", 3))
    assert parse_symbol("IP/C/R/TC/CHE/3").series == "IP/C/R/TC"


@pytest.mark.parametrize("text", ["", "technical", "IP", "a/b c!/d"])
def test_non_symbols_are_rejected(text: str) -> None:
    assert not is_symbol(text)


def test_patterns_match_case_insensitively() -> None:
    assert matches("IP/C/W/64*", "ip/c/w/647/Add.3")
    assert not matches("IP/C/W/64*", "IP/C/W/6")
    assert matches("IP/C/W/640/Add.3", "IP/C/W/640/ADD.3")


def test_symbols_sort_naturally() -> None:
    symbols = ["IP/C/W/10", "IP/C/W/9/Add.1", "IP/C/W/9", "IP/C/W/100"]
    assert sorted(symbols, key=sort_key) == ["IP/C/W/9", "IP/C/W/9/Add.1", "IP/C/W/10", "IP/C/W/100"]
