"""The message catalog: every label the toolkit prints, in English and Chinese.

Logic never holds English or Chinese text; it asks `label(key, lang)`. Capability, integration,
vendor and industry names come from the catalog and the profiles.
"""

from __future__ import annotations

LANGS = ("en", "zh")

MESSAGES: dict[str, dict[str, str]] = {
    "must": {"en": "Must", "zh": "必做"},
    "could": {"en": "Could", "zh": "可做"},
    "wont": {"en": "Won't", "zh": "不做"},
    "conflict": {"en": "conflict", "zh": "冲突"},
    "overridden": {"en": "overridden", "zh": "已裁定"},
    "conflicts": {"en": "Conflicts (votes hold both must and won't)", "zh": "冲突(投票中同时出现必做与不做)"},
    "overrides": {"en": "Consultant decisions that differ from the votes", "zh": "顾问裁定与投票结果不同"},
    "integrations": {"en": "Integrations", "zh": "系统集成"},
    "requirements": {"en": "Requirements", "zh": "需求"},
    "votes": {"en": "votes", "zh": "投票"},
    "consensus": {"en": "consensus", "zh": "共识"},
    "final": {"en": "final", "zh": "最终"},
    "must_share": {"en": "Must share of graded requirements", "zh": "必做占已分级需求比例"},
    "must_share_warning": {
        "en": "More than 60% of the graded requirements are must: "
        "a plan that is mostly musts has no room to absorb risk (DSDM).",
        "zh": "必做需求超过已分级需求的60%:几乎全是必做的计划没有吸收风险的余地(DSDM)。",
    },
    "id": {"en": "Id", "zh": "编号"},
    "capability": {"en": "Capability", "zh": "能力"},
    "category": {"en": "Category", "zh": "类别"},
    "hint": {"en": "Phase", "zh": "上线阶段"},
    "name": {"en": "Name", "zh": "名称"},
    "system": {"en": "System", "zh": "系统"},
    "product": {"en": "Product", "zh": "产品"},
    "title": {"en": "Title", "zh": "标题"},
    "department": {"en": "Department", "zh": "部门"},
    "grade": {"en": "Grade", "zh": "分级"},
    "rationale": {"en": "Rationale", "zh": "理由"},
    "kind": {"en": "Kind", "zh": "类型"},
    "vendor": {"en": "Vendor", "zh": "厂商"},
    "industry": {"en": "Industry", "zh": "行业"},
    "sources": {"en": "Sources", "zh": "来源数"},
    "facts": {"en": "Sourced facts", "zh": "有来源的事实"},
    "oldest": {"en": "Oldest source", "zh": "最早来源日期"},
    "newest": {"en": "Newest source", "zh": "最新来源日期"},
    "currency": {"en": "Currency", "zh": "币种"},
    "editions": {"en": "Editions", "zh": "版本"},
    "core": {"en": "weeks 0-2", "zh": "第0-2周"},
    "expand": {"en": "weeks 2-8", "zh": "第2-8周"},
    "advanced": {"en": "week 8+", "zh": "第8周后"},
    "capabilities": {"en": "Capabilities", "zh": "能力清单"},
    "integration_targets": {"en": "Integration targets", "zh": "集成对象"},
    "vendors": {"en": "Vendors", "zh": "厂商"},
    "industries": {"en": "Industries", "zh": "行业"},
    "valid": {"en": "valid", "zh": "校验通过"},
    "problems_found": {"en": "{n} problem(s)", "zh": "{n} 个问题"},
    "warnings_found": {"en": "{n} warning(s)", "zh": "{n} 个警告"},
    "created": {"en": "created {path}", "zh": "已创建 {path}"},
    "imported": {
        "en": "imported {n} requirements and {m} integrations into {path}",
        "zh": "已导入 {n} 条需求和 {m} 项集成到 {path}",
    },
    "wrote": {"en": "wrote {path}", "zh": "已写入 {path}"},
    "demo_next": {
        "en": "Next: crm-toolkit requirements {path} --format xlsx -o workshop.xlsx   (the grading sheet)",
        "zh": "下一步:crm-toolkit requirements {path} --format xlsx -o workshop.xlsx   (分级工作表)",
    },
    "engagement": {"en": "Engagement", "zh": "项目"},
    "client": {"en": "Client", "zh": "客户"},
    "users": {"en": "Users", "zh": "用户数"},
    "shortlist": {"en": "Shortlist", "zh": "候选厂商"},
    "computed": {"en": "computed at export; ignored on import", "zh": "导出时计算,导入时忽略"},
    "vote_for": {"en": "vote", "zh": "投票"},
    # --- scoring (score, sensitivity) ---
    "rank": {"en": "Rank", "zh": "排名"},
    "edition": {"en": "Edition", "zh": "版本"},
    "total": {"en": "Total", "zh": "总分"},
    "fit": {"en": "Fit", "zh": "功能匹配"},
    "integration": {"en": "Integration", "zh": "集成"},
    "tco": {"en": "TCO", "zh": "总拥有成本"},
    "viability": {"en": "Viability", "zh": "厂商生存力"},
    "tco_total": {"en": "TCO {years} y ({currency})", "zh": "{years}年总拥有成本({currency})"},
    "knocked_out": {"en": "knocked out", "zh": "淘汰"},
    "flagged": {"en": "flagged", "zh": "已标记"},
    "indicative": {"en": "indicative", "zh": "估算"},
    "excluded": {"en": "excluded", "zh": "被淘汰"},
    "not_ranked": {"en": "not ranked", "zh": "未排名"},
    "weights_used": {"en": "Weights", "zh": "权重"},
    "must_gaps": {"en": "Must-have gaps", "zh": "必做需求缺口"},
    "gap_confirmed": {"en": "rated 0", "zh": "评分为0"},
    "gap_unrated": {"en": "not rated: confirm through the RFP", "zh": "未评分:请通过RFP确认"},
    "unrated": {"en": "Unrated capabilities (count 0)", "zh": "未评分的能力(按0计)"},
    "first_rank": {"en": "First-rank probability", "zh": "排名第一的概率"},
    "central_weights": {"en": "Central weights", "zh": "中心权重"},
    "acceptability": {"en": "Rank acceptability", "zh": "排名可接受度"},
    "stability": {"en": "Weight stability", "zh": "权重稳定区间"},
    "criterion": {"en": "Criterion", "zh": "评价维度"},
    "weight": {"en": "Weight", "zh": "权重"},
    "low": {"en": "Low", "zh": "下限"},
    "high": {"en": "High", "zh": "上限"},
    "says_first_in": {
        "en": "{vendor} ranks first in {share} of plausible weightings.",
        "zh": "在{share}的合理权重组合下,{vendor}排名第一。",
    },
    "says_never_first": {"en": "{vendor} never ranks first.", "zh": "{vendor}在任何权重组合下都不是第一。"},
    "says_holds": {
        "en": "{leader} stays first while {criterion} weighs between {low} and {high} (now {weight}).",
        "zh": "{criterion}权重在{low}至{high}之间时(当前{weight}),{leader}保持第一。",
    },
    "says_holds_any": {
        "en": "{leader} stays first whatever {criterion} weighs.",
        "zh": "无论{criterion}权重如何,{leader}都保持第一。",
    },
    "says_takes_over": {"en": "beyond that, {rival} takes first place", "zh": "超出后{rival}升至第一"},
    "says_central": {
        "en": "{vendor} wins when the weights are about {weights}.",
        "zh": "权重约为{weights}时,{vendor}胜出。",
    },
    "says_unverified": {
        "en": "{share} of the samples pick a different winner when the {n} ratings that rest only on "
        "vendor claims vary by one step: that much of the ranking rests on unverified claims.",
        "zh": "当{n}项仅基于厂商自述的评分上下浮动一级时,{share}的样本选出不同的第一名:"
        "排名中这一部分依赖未经验证的厂商说法。",
    },
    "says_samples": {
        "en": "{samples} weightings drawn ({mode}, seed {seed}).",
        "zh": "抽样{samples}组权重({mode},随机种子{seed})。",
    },
    "mode_uniform": {"en": "uniform over all weightings", "zh": "在全部权重组合中均匀抽样"},
    "mode_around": {"en": "around the agreed weights", "zh": "围绕约定权重抽样"},
    "tco_indicative_note": {
        "en": "TCO rests on indicative figures, not list prices or quotes",
        "zh": "总拥有成本基于估算数字,而非公开报价或正式报价",
    },
    # --- rfp ---
    # --- report ---
}


def label(key: str, lang: str = "en", **fields: object) -> str:
    """The label for `key` in `lang` (English when a translation is missing)."""
    entry = MESSAGES.get(key)
    if entry is None:
        raise KeyError(f"no message {key!r} in the catalog")
    text = entry.get(lang) or entry["en"]
    return text.format(**fields) if fields else text
