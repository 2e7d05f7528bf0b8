"""Budget subjects as the summary tables list them, and the rows of a 类/款/项 table built from 项 amounts."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from budgetwh.synth import vocab

# The 支出功能分类 classes a 决算 summary table lists (all of them, blank where the agency spent nothing).
CLASSES = (
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("234", "抗疫特别国债安排的支出"),
)
_DIGITS = "一二三四五六七八九"


def numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 26 → 二十六."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens - 1] + "十")
    return head + (_DIGITS[ones - 1] if ones else "")


def name(path: tuple[str, ...]) -> str:
    return vocab.FUNCTIONAL[path]


def hierarchy(
    items: Iterable[tuple[str, ...]], value: Callable[[tuple[str, ...]], tuple[int, ...]]
) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    """类, 款 and 项 rows in printed order, each with its column values (a parent's are the sums of its 项)."""
    sums: dict[tuple[str, ...], list[int]] = {}
    for path in sorted(items):
        values = value(path)
        for depth in (1, 2, 3):
            parent = path[:depth]
            if parent not in sums:
                sums[parent] = [0] * len(values)
            sums[parent] = [a + b for a, b in zip(sums[parent], values, strict=True)]
    return [(path, tuple(sums[path])) for path in sorted(sums)]


def code_cells(path: tuple[str, ...]) -> list[str]:
    return [path[0], path[1] if len(path) > 1 else "", path[2] if len(path) > 2 else ""]


def codes(path: tuple[str, ...]) -> tuple[str | None, str | None, str | None]:
    return (path[0], path[1] if len(path) > 1 else None, path[2] if len(path) > 2 else None)


def level(path: tuple[str, ...]) -> str:
    return ("class", "kind", "item")[len(path) - 1]
