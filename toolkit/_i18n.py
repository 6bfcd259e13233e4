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
    "rfp_title": {"en": "CRM vendor questionnaire (RFP)", "zh": "CRM厂商需求征询问卷(RFP)"},
    "rfp_instructions": {"en": "Instructions", "zh": "填写说明"},
    "rfp_prepared_for": {"en": "Prepared for {client}", "zh": "委托方:{client}"},
    "rfp_exported_on": {"en": "Issued", "zh": "发出日期"},
    "rfp_vendors_in_file": {"en": "Vendors in this workbook", "zh": "本文件包含的厂商"},
    "rfp_sheet_title": {"en": "{vendor}: capabilities and integrations", "zh": "{vendor}:功能与集成"},
    "rfp_pricing_title": {"en": "{vendor}: pricing", "zh": "{vendor}:报价"},
    "rfp_answer_date": {"en": "Answer date (YYYY-MM-DD)", "zh": "答复日期(YYYY-MM-DD)"},
    "rfp_requirement": {"en": "Requirement", "zh": "需求说明"},
    "rfp_rating": {"en": "Your rating (0-3)", "zh": "贵司评分(0-3)"},
    "rfp_support": {"en": "Your support level", "zh": "贵司支持程度"},
    "rfp_evidence": {"en": "Evidence (required with an answer)", "zh": "依据(作答时必填)"},
    "rfp_profile_rating": {"en": "Current profile rating (read-only)", "zh": "当前档案评分(只读)"},
    "rfp_profile_support": {"en": "Current profile support (read-only)", "zh": "当前档案支持程度(只读)"},
    "rfp_not_rated": {"en": "not rated", "zh": "未评分"},
    "rfp_rating_0": {"en": "not available", "zh": "不具备"},
    "rfp_rating_1": {"en": "only through custom development or a third-party add-on", "zh": "需定制开发或第三方插件"},
    "rfp_rating_2": {"en": "configurable in the product (settings, low-code)", "zh": "产品内可配置(设置、低代码)"},
    "rfp_rating_3": {"en": "native, out of the box", "zh": "原生功能,开箱即用"},
    "rfp_support_native": {"en": "built into the product", "zh": "产品原生内置"},
    "rfp_support_partner": {"en": "marketplace connector or certified partner", "zh": "应用市场连接器或认证合作伙伴"},
    "rfp_support_api": {"en": "open API, the integration is to be built", "zh": "开放API,需开发对接"},
    "rfp_support_none": {"en": "not supported", "zh": "不支持"},
    "rfp_scale_title": {"en": "Rating scale", "zh": "评分标准"},
    "rfp_support_title": {"en": "Integration support levels", "zh": "集成支持程度"},
    "rfp_evidence_prompt": {
        "en": "Where it is shown: module and menu, a documentation link or a demo reference.",
        "zh": "请注明出处:模块与菜单、文档链接或演示记录。",
    },
    "rfp_item": {"en": "Item", "zh": "项目"},
    "rfp_answer": {"en": "Your answer", "zh": "贵司答复"},
    "rfp_list_price": {"en": "Current list price (public, read-only)", "zh": "当前公开价格(只读)"},
    "rfp_edition": {"en": "Edition to quote (read-only)", "zh": "报价版本(只读)"},
    "rfp_users": {"en": "Users to quote for (read-only)", "zh": "报价用户数(只读)"},
    "rfp_price_per_user_month": {
        "en": "Price per user per month (per-user editions)",
        "zh": "每用户每月价格(按用户计费)",
    },
    "rfp_min_users": {"en": "Minimum billed users", "zh": "最低计费用户数"},
    "rfp_price_per_year": {"en": "Price per year (flat editions)", "zh": "年费(固定套餐)"},
    "rfp_included_users": {"en": "Users included in the yearly price", "zh": "年费包含的用户数"},
    "rfp_extra_user_per_year": {"en": "Price per extra user per year", "zh": "超出用户每人每年价格"},
    "rfp_currency": {"en": "Currency of these prices (blank: {currency})", "zh": "以上价格币种(留空即{currency})"},
    "rfp_implementation": {"en": "Implementation cost, one-off", "zh": "一次性实施费用"},
    "rfp_notes": {"en": "Notes and conditions (discounts, what is included)", "zh": "说明与条件(折扣、包含内容)"},
    "rfp_pricing_note": {
        "en": "Quote for {users} users of edition {edition}. Give either the per-user price or the flat "
        "yearly price, not both.",
        "zh": "请按{users}个用户、{edition}版本报价。按用户计费或固定年费二选一,不要同时填写。",
    },
    "rfp_step_1": {
        "en": "Each vendor has two sheets: capabilities and integrations, and pricing. Fill the white cells "
        "only; grey cells are for reference and cannot be edited.",
        "zh": "每家厂商有两张工作表:功能与集成、报价。请只填写白色单元格;灰色单元格仅供参考,不可编辑。",
    },
    "rfp_step_2": {
        "en": "Rate each requirement 0, 1, 2 or 3 from the drop-down (scale below), for the edition named "
        "on the pricing sheet, as it would be delivered to us.",
        "zh": "请从下拉列表中为每项需求选择0、1、2或3分(评分标准见下),以报价表所列版本的实际交付能力为准。",
    },
    "rfp_step_3": {
        "en": "Evidence is required with every answer: the module and menu, a documentation link or a demo "
        "reference. An answer without evidence cannot be accepted.",
        "zh": "每项答复都必须填写依据:模块与菜单、文档链接或演示记录。没有依据的答复无法采纳。",
    },
    "rfp_step_4": {
        "en": "Integrations: choose native, partner, api or none for each system (levels below) and name "
        "the connector or partner in the evidence.",
        "zh": "系统集成:请为每个系统选择 native、partner、api 或 none(含义见下),并在依据中写明连接器或合作伙伴。",
    },
    "rfp_step_5": {
        "en": "Pricing: quote for {users} users; give either a per-user monthly price or a flat yearly "
        "price, and the one-off implementation cost.",
        "zh": "报价:请按{users}个用户报价,按用户月费或固定年费二选一,并填写一次性实施费用。",
    },
    "rfp_step_6": {
        "en": "Leave a row blank if you do not answer it. Fill in the answer date; do not rename, add or "
        "remove sheets, and return this file as .xlsx.",
        "zh": "不作答的行请留空。请填写答复日期;不要重命名、增加或删除工作表,并以 .xlsx 格式返回本文件。",
    },
    "rfp_step_7": {
        "en": "The grey 'current profile' column shows what our desk research records today; your answer, "
        "with its evidence, replaces it.",
        "zh": "灰色的“当前档案”列是我们案头研究目前的记录;贵司附依据的答复将取代它。",
    },
    "rfp_imported": {
        "en": "imported {ratings} rating(s), {integrations} integration answer(s) and {quotes} quote(s) into {path}",
        "zh": "已导入 {ratings} 项评分、{integrations} 项集成答复和 {quotes} 份报价到 {path}",
    },
    # --- report ---
}


def label(key: str, lang: str = "en", **fields: object) -> str:
    """The label for `key` in `lang` (English when a translation is missing)."""
    entry = MESSAGES.get(key)
    if entry is None:
        raise KeyError(f"no message {key!r} in the catalog")
    text = entry.get(lang) or entry["en"]
    return text.format(**fields) if fields else text
