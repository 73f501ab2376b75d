"""The annex's own formula evaluator: every formula cell's value, computed exactly, to store beside the formula.

A reader that does not recalculate (a mail preview, a document management system, `openpyxl` with
`data_only=True`) shows only what the file stores as a formula's result; openpyxl stores none. The annex is
therefore written by XlsxWriter with each formula's value (`planners.exports.annex.xlsx`), and the values come
from here: the formulas the annex writes, evaluated over its own input cells with exact fractions, so that the
stored figure is the figure the formula gives (tests check that the named figures equal the engine's).

Only what the annex uses is understood (PLATFORM.md keeps it to functions every spreadsheet has): the operators
`+ - * / ^ & = <> < > <= >=` and unary minus, cell and range references (also on other sheets), the workbook's
defined names, and SUM, SUMIF, SUMIFS, COUNTIF, COUNT, SUMPRODUCT, IF, IFERROR, OR, AND, NOT, INDEX, MATCH, PMT,
ROUND, ABS, MIN, MAX. Anything else raises `Unsupported`, so a new formula cannot silently store a wrong value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from openpyxl import Workbook
from openpyxl.formula.tokenizer import Token, Tokenizer
from openpyxl.utils import range_boundaries


class Unsupported(ValueError):
    """A formula uses something the evaluator does not know."""


@dataclass(frozen=True)
class XlError:
    """A spreadsheet error value (#DIV/0!, #N/A, #VALUE!)."""

    code: str


DIV0 = XlError("#DIV/0!")
NA = XlError("#N/A")
VALUE = XlError("#VALUE!")

Scalar = Fraction | str | bool | None | XlError


@dataclass(frozen=True)
class Area:
    """A rectangle of cells on one sheet (1-based, inclusive)."""

    sheet: str
    min_col: int
    min_row: int
    max_col: int
    max_row: int

    def cells(self) -> Iterator[tuple[str, int, int]]:
        for row in range(self.min_row, self.max_row + 1):
            for column in range(self.min_col, self.max_col + 1):
                yield self.sheet, row, column

    @property
    def single(self) -> bool:
        return self.min_col == self.max_col and self.min_row == self.max_row


Value = Scalar | Area | list[Scalar]

_REF = re.compile(r"^(?:(?P<sheet>'(?:[^']|'')+'|[^!'\s]+)!)?(?P<area>\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)$")
_CRITERION = re.compile(r"^(<=|>=|<>|<|>|=)?(.*)$", re.S)


def _number(value: object) -> Fraction | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Decimal):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    return None


class Evaluator:
    """Values of the formula cells of one openpyxl workbook (as the annex builds it, before saving)."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.names: dict[str, str] = {name.upper(): dn.attr_text for name, dn in wb.defined_names.items()}
        self.memo: dict[tuple[str, int, int], Scalar] = {}
        self.busy: set[tuple[str, int, int]] = set()

    # --- cells -----------------------------------------------------------------------------------------------
    def cell(self, sheet: str, row: int, column: int) -> Scalar:
        key = (sheet, row, column)
        if key in self.memo:
            return self.memo[key]
        ws = self.wb[sheet]
        c = ws._cells.get((row, column))  # no new empty cells in the workbook for every range read
        if c is None or c.value is None:
            return None
        raw = c.value
        if c.data_type == "f" and isinstance(raw, str) and raw.startswith("="):
            if key in self.busy:
                raise Unsupported(f"circular reference at {sheet}!{row},{column}")
            self.busy.add(key)
            try:
                result = self.scalar(self.formula(raw[1:], sheet))
            finally:
                self.busy.discard(key)
        elif isinstance(raw, str):
            result = raw
        elif isinstance(raw, bool):
            result = raw
        else:
            number = _number(raw)
            if number is None:
                raise Unsupported(f"cell value {raw!r} at {sheet}!{row},{column}")
            result = number
        self.memo[key] = result
        return result

    def values(self) -> dict[tuple[str, int, int], Scalar]:
        """The value of every formula cell of the workbook."""
        out: dict[tuple[str, int, int], Scalar] = {}
        for ws in self.wb.worksheets:
            for (row, column), c in list(ws._cells.items()):
                if c.data_type == "f" and isinstance(c.value, str) and c.value.startswith("="):
                    out[(ws.title, row, column)] = self.cell(ws.title, row, column)
        return out

    # --- parsing and evaluation --------------------------------------------------------------------------------
    def formula(self, text: str, sheet: str) -> Value:
        tokens = [t for t in Tokenizer("=" + text).items if t.type != Token.WSPACE]
        parser = _Parser(tokens, self, sheet)
        value = parser.expression(0)
        if parser.pos != len(tokens):
            raise Unsupported(f"unparsed rest of ={text}")
        return value

    def reference(self, text: str, sheet: str) -> Value:
        if text.upper() in self.names:
            return self.reference(self.names[text.upper()].lstrip("="), sheet)
        m = _REF.match(text)
        if m is None:
            raise Unsupported(f"reference {text}")
        where = m.group("sheet")
        if where:
            where = where[1:-1].replace("''", "'") if where.startswith("'") else where
        min_col, min_row, max_col, max_row = range_boundaries(m.group("area").replace("$", ""))
        assert min_col is not None and min_row is not None and max_col is not None and max_row is not None
        return Area(where or sheet, min_col, min_row, max_col, max_row)

    def scalar(self, value: Value) -> Scalar:
        if isinstance(value, Area):
            if value.single:
                return self.cell(value.sheet, value.min_row, value.min_col)
            return VALUE
        if isinstance(value, list):
            return value[0] if len(value) == 1 else VALUE
        return value

    def flat(self, value: Value) -> list[Scalar]:
        if isinstance(value, Area):
            return [self.cell(*c) for c in value.cells()]
        if isinstance(value, list):
            return value
        return [value]


def to_number(value: Scalar) -> Fraction | XlError:
    """A value in arithmetic: empty is 0, TRUE is 1, text that reads as a number is that number."""
    if isinstance(value, XlError):
        return value
    if value is None:
        return Fraction(0)
    if isinstance(value, bool):
        return Fraction(int(value))
    if isinstance(value, Fraction):
        return value
    try:
        return Fraction(Decimal(value.strip()))
    except (ArithmeticError, ValueError):
        return VALUE


def _to_text(value: Scalar) -> str | XlError:
    if isinstance(value, XlError):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return repr(float(value))
    return value


def _rank(value: Scalar) -> int:
    return 0 if isinstance(value, Fraction) else 1 if isinstance(value, str) else 2


def compare(op: str, a: Scalar, b: Scalar) -> bool | XlError:
    """Spreadsheet comparison: numbers < text < logicals; text without regard to case; empty as "" or 0."""
    if isinstance(a, XlError):
        return a
    if isinstance(b, XlError):
        return b
    if a is None:
        a = "" if isinstance(b, str) else (False if isinstance(b, bool) else Fraction(0))
    if b is None:
        b = "" if isinstance(a, str) else (False if isinstance(a, bool) else Fraction(0))
    ka, kb = _rank(a), _rank(b)
    x: object
    y: object
    if ka != kb:
        x, y = ka, kb
    elif isinstance(a, str) and isinstance(b, str):
        x, y = a.casefold(), b.casefold()
    else:
        x, y = a, b
    return {
        "=": lambda: x == y, "<>": lambda: x != y, "<": lambda: x < y,  # type: ignore[operator]
        ">": lambda: x > y, "<=": lambda: x <= y, ">=": lambda: x >= y,  # type: ignore[operator]
    }[op]()


def _arith(op: str, a: Scalar, b: Scalar) -> Scalar:
    if op == "&":
        ta, tb = _to_text(a), _to_text(b)
        if isinstance(ta, XlError):
            return ta
        if isinstance(tb, XlError):
            return tb
        return ta + tb
    if op in ("=", "<>", "<", ">", "<=", ">="):
        return compare(op, a, b)
    x, y = to_number(a), to_number(b)
    if isinstance(x, XlError):
        return x
    if isinstance(y, XlError):
        return y
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if op == "/":
        return DIV0 if y == 0 else x / y
    if op == "^":
        return _power(x, y)
    raise Unsupported(f"operator {op}")


def _power(x: Fraction, y: Fraction) -> Fraction | XlError:
    if y.denominator == 1:
        if x == 0 and y < 0:
            return DIV0
        return x ** y.numerator
    if x < 0:
        return XlError("#NUM!")
    return Fraction(Decimal(repr(float(x) ** float(y))))


_BINARY = {"=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "&": 2, "+": 3, "-": 3, "*": 4, "/": 4, "^": 5}


class _Parser:
    """Precedence climbing over openpyxl's formula tokens, evaluating as it goes (IF evaluates both branches:
    the annex's branches have no side effects and no cycles)."""

    def __init__(self, tokens: list[Token], ev: Evaluator, sheet: str) -> None:
        self.tokens = tokens
        self.pos = 0
        self.ev = ev
        self.sheet = sheet

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expression(self, min_prec: int) -> Value:
        left = self.unary()
        while True:
            token = self.peek()
            if token is None or token.type != Token.OP_IN or token.value not in _BINARY:
                if token is not None and token.type == Token.OP_POST and token.value == "%":
                    self.take()
                    left = _elementwise("/", left, Fraction(100), self.ev)
                    continue
                return left
            prec = _BINARY[token.value]
            if prec < min_prec:
                return left
            self.take()
            right = self.expression(prec + (0 if token.value == "^" else 1))
            left = _elementwise(token.value, left, right, self.ev)

    def unary(self) -> Value:
        token = self.peek()
        if token is not None and token.type == Token.OP_PRE:
            self.take()
            operand = self.unary()
            if token.value == "+":
                return operand
            return _elementwise("-", Fraction(0), operand, self.ev)
        return self.primary()

    def primary(self) -> Value:
        token = self.take()
        if token.type == Token.OPERAND:
            if token.subtype == Token.NUMBER:
                return Fraction(Decimal(token.value))
            if token.subtype == Token.TEXT:
                return token.value[1:-1].replace('""', '"')
            if token.subtype == Token.LOGICAL:
                return token.value.upper() == "TRUE"
            if token.subtype == Token.ERROR:
                return XlError(token.value)
            return self.ev.reference(token.value, self.sheet)
        if token.type == Token.PAREN and token.subtype == Token.OPEN:
            value = self.expression(0)
            closing = self.take()
            if closing.type != Token.PAREN:
                raise Unsupported("unbalanced parenthesis")
            return value
        if token.type == Token.FUNC and token.subtype == Token.OPEN:
            name = token.value[:-1].upper()
            args: list[Value] = []
            if not (self.peek() is not None and self.peek().type == Token.FUNC  # type: ignore[union-attr]
                    and self.peek().subtype == Token.CLOSE):  # type: ignore[union-attr]
                while True:
                    args.append(self.expression(0))
                    nxt = self.take()
                    if nxt.type == Token.SEP:
                        continue
                    if nxt.type == Token.FUNC and nxt.subtype == Token.CLOSE:
                        break
                    raise Unsupported(f"unexpected {nxt.value} in {name}")
            else:
                self.take()
            fn = FUNCTIONS.get(name)
            if fn is None:
                raise Unsupported(f"function {name}")
            return fn(self.ev, args)
        raise Unsupported(f"token {token.value!r}")


def _elementwise(op: str, a: Value, b: Value, ev: Evaluator) -> Value:
    """A binary operator; over ranges (inside SUMPRODUCT) element by element."""
    if isinstance(a, (Area, list)) and not (isinstance(a, Area) and a.single) or \
            isinstance(b, (Area, list)) and not (isinstance(b, Area) and b.single):
        xs = ev.flat(a)
        ys = ev.flat(b)
        if len(xs) == 1:
            xs = xs * len(ys)
        if len(ys) == 1:
            ys = ys * len(xs)
        if len(xs) != len(ys):
            return VALUE
        return [_arith(op, x, y) for x, y in zip(xs, ys, strict=True)]
    return _arith(op, ev.scalar(a), ev.scalar(b))


# --- functions ---------------------------------------------------------------------------------------------------
def _criterion(ev: Evaluator, crit: Value) -> Callable[[Scalar], bool]:
    value = ev.scalar(crit)
    op = "="
    target: Scalar = value
    if isinstance(value, str):
        m = _CRITERION.match(value)
        assert m is not None
        op = m.group(1) or "="
        rest = m.group(2)
        number = to_number(rest) if rest.strip() else VALUE
        target = number if isinstance(number, Fraction) else rest
        if op == "=" and rest == "":
            return lambda v: v is None or v == ""
    if isinstance(target, Fraction):
        def numeric(v: Scalar) -> bool:
            n = v if isinstance(v, Fraction) else (to_number(v) if isinstance(v, str) else None)
            return isinstance(n, Fraction) and compare(op, n, target) is True
        return numeric
    return lambda v: not isinstance(v, (Fraction, bool, XlError)) and compare(op, v if v is not None else "",
                                                                         target) is True


def _numbers(ev: Evaluator, args: list[Value]) -> Iterator[Fraction | XlError]:
    for arg in args:
        if isinstance(arg, (Area, list)):
            for v in ev.flat(arg):
                if isinstance(v, (Fraction, XlError)):
                    yield v
        else:
            yield to_number(ev.scalar(arg))


def _sum(ev: Evaluator, args: list[Value]) -> Scalar:
    total = Fraction(0)
    for v in _numbers(ev, args):
        if isinstance(v, XlError):
            return v
        total += v
    return total


def _sumifs(ev: Evaluator, sum_range: Value, pairs: list[tuple[Value, Value]]) -> Scalar:
    sums = ev.flat(sum_range)
    keep = [True] * len(sums)
    for where, crit in pairs:
        test = _criterion(ev, crit)
        cells = ev.flat(where)
        if len(cells) != len(sums):
            return VALUE
        keep = [k and test(v) for k, v in zip(keep, cells, strict=True)]
    total = Fraction(0)
    for k, v in zip(keep, sums, strict=True):
        if k and isinstance(v, XlError):
            return v
        if k and isinstance(v, Fraction):
            total += v
    return total


def _sumif(ev: Evaluator, args: list[Value]) -> Scalar:
    return _sumifs(ev, args[2] if len(args) > 2 else args[0], [(args[0], args[1])])


def _sumifs_fn(ev: Evaluator, args: list[Value]) -> Scalar:
    return _sumifs(ev, args[0], [(args[i], args[i + 1]) for i in range(1, len(args), 2)])


def _countif(ev: Evaluator, args: list[Value]) -> Scalar:
    test = _criterion(ev, args[1])
    return Fraction(sum(1 for v in ev.flat(args[0]) if test(v)))


def _count(ev: Evaluator, args: list[Value]) -> Scalar:
    n = 0
    for arg in args:
        n += sum(1 for v in ev.flat(arg) if isinstance(v, Fraction))
    return Fraction(n)


def _sumproduct(ev: Evaluator, args: list[Value]) -> Scalar:
    columns = [ev.flat(a) for a in args]
    if len({len(c) for c in columns}) != 1:
        return VALUE
    total = Fraction(0)
    for values in zip(*columns, strict=True):
        product = Fraction(1)
        for v in values:
            if isinstance(v, XlError):
                return v
            product *= v if isinstance(v, Fraction) else 0  # text, logicals and empty count as 0, as in Excel
        total += product
    return total


def _truth(value: Scalar) -> bool | XlError:
    if isinstance(value, XlError):
        return value
    if isinstance(value, str):
        return VALUE
    return bool(value)


def _if(ev: Evaluator, args: list[Value]) -> Value:
    cond = _truth(ev.scalar(args[0]))
    if isinstance(cond, XlError):
        return cond
    if cond:
        return args[1] if len(args) > 1 else True
    return args[2] if len(args) > 2 else False


def _iferror(ev: Evaluator, args: list[Value]) -> Value:
    value = ev.scalar(args[0])
    return args[1] if isinstance(value, XlError) else value


def _truths(ev: Evaluator, args: list[Value]) -> list[Scalar]:
    """The truth of every value in `args`, flattened (OR and AND read them alike; an error among them wins)."""
    return [_truth(v) for a in args for v in ev.flat(a)]


def _or(ev: Evaluator, args: list[Value]) -> Scalar:
    seen = _truths(ev, args)
    return next((v for v in seen if isinstance(v, XlError)), any(seen))


def _and(ev: Evaluator, args: list[Value]) -> Scalar:
    seen = _truths(ev, args)
    return next((v for v in seen if isinstance(v, XlError)), all(seen))


def _not(ev: Evaluator, args: list[Value]) -> Scalar:
    v = _truth(ev.scalar(args[0]))
    return v if isinstance(v, XlError) else not v


def _index(ev: Evaluator, args: list[Value]) -> Value:
    area = args[0]
    if not isinstance(area, Area):
        raise Unsupported("INDEX over a value")
    r = to_number(ev.scalar(args[1]))
    c = to_number(ev.scalar(args[2])) if len(args) > 2 else Fraction(1)
    if isinstance(r, XlError):
        return r
    if isinstance(c, XlError):
        return c
    rows = area.max_row - area.min_row + 1
    cols = area.max_col - area.min_col + 1
    ri, ci = int(r), int(c)
    if rows == 1 and len(args) == 2:
        ri, ci = 1, int(r)
    if not (1 <= ri <= rows and 1 <= ci <= cols):
        return XlError("#REF!")
    return ev.cell(area.sheet, area.min_row + ri - 1, area.min_col + ci - 1)


def _match(ev: Evaluator, args: list[Value]) -> Scalar:
    wanted = ev.scalar(args[0])
    kind = to_number(ev.scalar(args[2])) if len(args) > 2 else Fraction(1)
    if kind != 0:
        raise Unsupported("MATCH other than exact")
    for i, v in enumerate(ev.flat(args[1])):
        if v is not None and compare("=", v, wanted) is True:
            return Fraction(i + 1)
    return NA


def _pmt(ev: Evaluator, args: list[Value]) -> Scalar:
    nums = [to_number(ev.scalar(a)) for a in args]
    for v in nums:
        if isinstance(v, XlError):
            return v
    rate, nper, pv = nums[0], nums[1], nums[2]
    fv = nums[3] if len(nums) > 3 else Fraction(0)
    due = nums[4] if len(nums) > 4 else Fraction(0)
    assert isinstance(rate, Fraction) and isinstance(nper, Fraction) and isinstance(pv, Fraction)
    assert isinstance(fv, Fraction) and isinstance(due, Fraction)
    if nper == 0:
        return XlError("#NUM!")
    if rate == 0:
        return -(pv + fv) / nper
    growth = _power(1 + rate, nper)
    if isinstance(growth, XlError):
        return growth
    if growth == 1:
        return XlError("#NUM!")
    return -(rate * (pv * growth + fv)) / ((1 + rate * (1 if due else 0)) * (growth - 1))


def _round(ev: Evaluator, args: list[Value]) -> Scalar:
    x = to_number(ev.scalar(args[0]))
    d = to_number(ev.scalar(args[1])) if len(args) > 1 else Fraction(0)
    if isinstance(x, XlError):
        return x
    if isinstance(d, XlError):
        return d
    scale = Fraction(10) ** int(d)
    scaled = abs(x) * scale
    whole = int(scaled + Fraction(1, 2))  # half away from zero, as spreadsheets round
    return (whole if x >= 0 else -whole) / scale


def _abs(ev: Evaluator, args: list[Value]) -> Scalar:
    x = to_number(ev.scalar(args[0]))
    return x if isinstance(x, XlError) else abs(x)


def _extreme(pick: Callable[[list[Fraction]], Fraction]) -> Callable[[Evaluator, list[Value]], Scalar]:
    def fn(ev: Evaluator, args: list[Value]) -> Scalar:
        found: list[Fraction] = []
        for v in _numbers(ev, args):
            if isinstance(v, XlError):
                return v
            found.append(v)
        return pick(found) if found else Fraction(0)
    return fn


FUNCTIONS: dict[str, Callable[[Evaluator, list[Value]], Value]] = {
    "SUM": _sum, "SUMIF": _sumif, "SUMIFS": _sumifs_fn, "COUNTIF": _countif, "COUNT": _count,
    "SUMPRODUCT": _sumproduct, "IF": _if, "IFERROR": _iferror, "OR": _or, "AND": _and, "NOT": _not,
    "INDEX": _index, "MATCH": _match, "PMT": _pmt, "ROUND": _round, "ABS": _abs,
    "MIN": _extreme(min), "MAX": _extreme(max),
}


def formula_values(wb: Workbook) -> dict[tuple[str, int, int], Scalar]:
    """(sheet, row, column) → the value of every formula cell of `wb`."""
    return Evaluator(wb).values()
