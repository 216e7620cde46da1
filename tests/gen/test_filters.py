"""The output filters on a table of real failure shapes (from reading model output)."""

from __future__ import annotations

import pytest

from ideaforge.core.model import Language
from ideaforge.gen.filters import IdeaFilter, clean_item, split_list

BIKE = "How might we make bike commuting safer for new riders?"
FOOD_ZH = "我們如何減少學校午餐的食物浪費？"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        ("**", "empty"),
        ("Sure! Here are five ideas for making commuting safer:", "echo"),
        ("Challenge: How might we make bike commuting safer for new riders?", "echo"),
        ("Number them 1 to 5.", "echo"),
        ("Make bike commuting safer for new riders.", "restatement"),
        ("To make bike commute more safe.", "restatement"),
        ("Safer bike commuting for riders who are new.", "restatement"),
        ("It makes it easy to know where you're going.", "vague"),
        ("To help new riders feel more confident on busy roads.", "vague"),
        ("Give every new rider a free reflective vest and", "fragment"),
        ("$$$ ### 1234 5678 !!!! ???", "not_words"),
        ("aaaaaaaaaaaaaaaaaa bike lanes", "not_words"),
        ("lanes lanes lanes lanes lanes lanes bike", "not_words"),
        ("在每個路口設置自行車專用的號誌燈", "wrong_language"),
        ("Lanes.", "too_short"),
        (" ".join(["Create a mentoring scheme where experienced cyclists ride"] * 6), "too_long"),
    ],
)
def test_rejects_bad_english_outputs(raw: str, reason: str) -> None:
    verdict = IdeaFilter(BIKE, Language.EN).check(raw, cut_off="and" in raw[-4:])
    assert (verdict.ok, verdict.reason) == (False, reason), verdict


@pytest.mark.parametrize(
    "raw",
    [
        "Pair each new rider with a volunteer 'bike buddy' for their first three commutes.",
        "**Night-light library**: lend front and rear lights at train stations for a week.",
        "Paint green conflict zones where bike lanes cross driveways on the busiest routes.",
        "\"Run monthly 'first ride' group commutes led by the local cycling club.\"",
        "Host monthly bike repair cafés where volunteers check brakes and lights for free.",
    ],
)
def test_keeps_concrete_ideas(raw: str) -> None:
    verdict = IdeaFilter(BIKE, Language.EN).check(raw)
    assert verdict.ok, verdict
    assert not verdict.text.startswith(("**", '"'))


def test_near_duplicates_of_existing_and_earlier_ideas() -> None:
    filt = IdeaFilter(BIKE, Language.EN, existing=["Lend free bike lights at every train station."])
    assert filt.check("Lend free bike lights at every train station!").reason == "duplicate"
    assert filt.check("Offer a free one-hour cycling skills class at every public library.").ok
    assert (
        filt.check("Offer a free one-hour cycling skills class at each public library.").reason
        == "duplicate"
    )
    assert filt.report() == {"duplicate": 2, "kept": 1}


def test_chinese_outputs_are_normalised_and_checked() -> None:
    filt = IdeaFilter(FOOD_ZH, Language.ZH_TW)
    v = filt.check("让学生用软件预订午餐份量，厨房按订单准备食材")  # Simplified, with 软件
    assert v.ok and v.converted
    assert v.text == "讓學生用軟體預訂午餐份量，廚房按訂單準備食材"
    assert filt.check("Let students pre-order lunch portions in an app.").reason == "wrong_language"
    assert filt.check("減少學校午餐的食物浪費").reason in ("restatement", "too_short")
    assert filt.check("好的，以下是五個點子：").reason == "echo"
    assert filt.check("挑戰描述: 學生每天丟掉太多午餐，浪費了很多食物").reason == "echo"
    # Seen in real output: the model slipping into other languages mid-sentence.
    for mixed in (
        "提供_easy使用的小費製作機，讓老人可以方便地支付票款",
        "培訓社群 líder，告知他們如何引導長輩搭車",
        "使用家庭智慧裝置，智慧 кафе有自駕交通能力的服務",
        "提供物licensed的人提供手工藝品來替代塑膠物品",
    ):
        assert filt.check(mixed).reason == "wrong_language", mixed
    assert filt.check("用 LINE 群組和 QR code 讓家長每週回報孩子的剩食狀況").ok
    assert filt.check("在餐廳設置剩食分享冰箱，讓學生把沒打開的牛奶和水果放進去給別人拿").ok
    assert (
        filt.check("設置剩食分享冰箱，讓學生把沒打開的牛奶和水果放進去給別人拿").reason
        == "duplicate"
    )
    # A heading with nothing after it is not an idea (seen in real output).
    assert filt.check("在午餐時間制定每班的剩食回收計畫：").reason == "fragment"
    # Also seen: a character broken in decoding, and a stray token name read as an acronym.
    assert filt.check("使用剩食紀錄表：在每個班級的教室\ufffd").reason == "not_words"
    assert (
        filt.check("指導老師立_BODY: 教師應該制定一套完整的剩食減量課程").reason == "wrong_language"
    )


def test_normalisation_keeps_taiwan_words_that_s2twp_would_rewrite() -> None:
    """s2twp turns Simplified words into Taiwan ones (塑料 -> 塑膠, 信息 -> 資訊, 软件 -> 軟體)
    but also rewrites words Taiwan uses as they are (设置 -> 設定, 社区 -> 社群, 循环 -> 迴圈);
    the keep list stops those (benchmarks/opencc_compare.py)."""
    filt = IdeaFilter(FOOD_ZH, Language.ZH_TW)
    v = filt.check("在社区活动中心设置塑料回收站，用软件记录信息，推动循环经济")
    assert v.ok and v.converted
    assert v.text == "在社區活動中心設置塑膠回收站，用軟體記錄資訊，推動循環經濟"
    # Seen in a real mixed run: the model wrote 鄰里 in Traditional, and s2twp made it 鄰裡.
    v = filt.check("請里長邀請鄰里的長輩，一起把剩食做成社區共餐，这里每週一次")
    assert v.text == "請里長邀請鄰里的長輩，一起把剩食做成社區共餐，這裡每週一次"
    v = filt.check("将剩食减量纳入班级评分项目，每月表扬表现最好的班级")
    assert v.text == "將剩食減量納入班級評分項目，每月表揚表現最好的班級"  # s2twp: 專案
    import opencc

    plain = opencc.OpenCC("s2twp").convert("在社区活动中心设置塑料回收站，推动循环经济")
    assert plain == "在社群活動中心設定塑膠回收站，推動迴圈經濟"  # what the list prevents


def test_bullet_and_bold_title_lists_split_too() -> None:
    raw = " **Label bins**: colour-code bins.\n\n**Share table**: a table for unopened food.\n  - with a fridge\n- Tasting days before menus change."
    assert [clean_item(i) for i in split_list(raw)] == [
        "Label bins: colour-code bins.",
        "Share table: a table for unopened food.",
        "Tasting days before menus change.",
    ]


def test_split_and_clean_lists() -> None:
    raw = (
        " **Buddy rides**: pair new riders with mentors.\n"
        "2. Lend lights at stations.\n   - free for a week\n\n"
        "3) 「在路口畫上自行車等候區」\n4、Host repair cafés\n5.\nMap calm"
    )
    items = split_list(raw)
    assert items == [
        " **Buddy rides**: pair new riders with mentors.",
        "Lend lights at stations.",
        "「在路口畫上自行車等候區」",
        "Host repair cafés",
        "Map calm",
    ]
    assert clean_item(items[0]) == "Buddy rides: pair new riders with mentors."
    assert clean_item(items[2]) == "在路口畫上自行車等候區"
    assert clean_item("Idea 3: Host a repair café") == "Host a repair café"
    assert clean_item("- \u202eodd\u200b unicode\x00 idea") == "odd unicode idea"


def test_chinese_list_markers_and_prefixes() -> None:
    text = (
        "1. 在校門口設共享單車站\n（2） 提供夜間騎乘燈具補助給新手\n④ 每週舉辦新手團騎活動\n"
        "（五）設立安全騎乘教室\n第六、在主要道路畫設保護車道\n第一次騎車的人可以免費租車"
    )
    # every marker starts an item; "第一次…" is not a marker, so that line is commentary
    assert split_list(text) == [
        "在校門口設共享單車站",
        "提供夜間騎乘燈具補助給新手",
        "每週舉辦新手團騎活動",
        "設立安全騎乘教室",
        "在主要道路畫設保護車道",
    ]
    assert clean_item("點子一：舉辦新手團騎") == "舉辦新手團騎"
    assert clean_item("【點子3】 舉辦新手團騎活動") == "舉辦新手團騎活動"
    assert clean_item("【共享單車】在校門口設站") == "【共享單車】在校門口設站"  # a title stays
    assert clean_item("第一次騎車的人免費租車一週") == "第一次騎車的人免費租車一週"


def test_mixed_session_judges_each_idea_by_its_own_language() -> None:
    f = IdeaFilter("How might we 讓新手更安全地騎自行車上班？", Language.MIXED)
    zh = f.check("提供新手夜間騎乘燈具補助，並在車站免費發放")
    en = f.check("Pair every new rider with a volunteer buddy for their first week")
    assert zh.ok and en.ok  # a Chinese sentence is not "one word, too short"
    assert f.check("新手補助").reason == "too_short"  # Chinese length rules for Chinese
    assert f.check("Free lights").reason == "too_short"  # English rules for English
    assert f.check("给新手提供夜间骑乘灯具补助并在车站发放").text.startswith("給新手")
