"""Words the synthetic documents are made of: district and agency names, budget subjects, indicator names and the
target formats the real forms print. Nothing here describes a real document; the agencies are plausible
combinations of district and bureau, and the people are the Chinese stand-in names (张三, 李四 …) with numbers from
the 138-0013 block, so that no synthetic cell can be mistaken for a real person."""

from __future__ import annotations

# (district_id, short name, full name, name_en). The three districts of the real documents come first: ×1 stays
# within them, larger scales spread over all sixteen.
DISTRICTS = (
    ("minhang", "闵行", "闵行区", "Minhang"),
    ("putuo", "普陀", "普陀区", "Putuo"),
    ("jiading", "嘉定", "嘉定区", "Jiading"),
    ("huangpu", "黄浦", "黄浦区", "Huangpu"),
    ("xuhui", "徐汇", "徐汇区", "Xuhui"),
    ("changning", "长宁", "长宁区", "Changning"),
    ("jingan", "静安", "静安区", "Jing'an"),
    ("hongkou", "虹口", "虹口区", "Hongkou"),
    ("yangpu", "杨浦", "杨浦区", "Yangpu"),
    ("baoshan", "宝山", "宝山区", "Baoshan"),
    ("pudong", "浦东", "浦东新区", "Pudong"),
    ("jinshan", "金山", "金山区", "Jinshan"),
    ("songjiang", "松江", "松江区", "Songjiang"),
    ("qingpu", "青浦", "青浦区", "Qingpu"),
    ("fengxian", "奉贤", "奉贤区", "Fengxian"),
    ("chongming", "崇明", "崇明区", "Chongming"),
)

# (agency code, bureau name, short form printed as 主管部门). The agency's full name is 上海市<district><bureau>.
BUREAUS = (
    ("education", "教育局", "教育局"),
    ("health", "卫生健康委员会", "卫健委"),
    ("civil_affairs", "民政局", "民政局"),
    ("city_management", "城市管理行政执法局", "城管执法局"),
    ("ecology", "生态环境局", "生态环境局"),
    ("culture", "文化和旅游局", "文旅局"),
    ("sports", "体育局", "体育局"),
    ("greening", "绿化和市容管理局", "绿化市容局"),
    ("science", "科学技术委员会", "科委"),
    ("finance", "财政局", "财政局"),
    ("audit", "审计局", "审计局"),
    ("statistics", "统计局", "统计局"),
    ("justice", "司法局", "司法局"),
    ("human_resources", "人力资源和社会保障局", "人社局"),
    ("housing", "住房保障和房屋管理局", "房管局"),
    ("planning", "规划和自然资源局", "规划资源局"),
    ("transport", "交通委员会", "交通委"),
    ("water", "水务局", "水务局"),
    ("agriculture", "农业农村委员会", "农委"),
    ("commerce", "商务委员会", "商务委"),
    ("market_regulation", "市场监督管理局", "市场监管局"),
    ("emergency", "应急管理局", "应急局"),
    ("veterans", "退役军人事务局", "退役军人局"),
    ("medical_security", "医疗保障局", "医保局"),
    ("archives", "档案馆", "档案馆"),
    ("government_affairs", "机关事务管理局", "机管局"),
    ("city_operations", "城市运行管理中心", "城运中心"),
    ("media_center", "融媒体中心", "融媒体中心"),
    ("library", "图书馆", "图书馆"),
    ("cultural_center", "文化馆", "文化馆"),
    ("disease_control", "疾病预防控制中心", "疾控中心"),
    ("greenery_admin", "绿化管理所", "绿化管理所"),
    ("fire_rescue", "消防救援支队", "消防支队"),
)

# A second official name some agencies print in brackets after the first (预算单位：A（B）).
SECOND_NAMES = {"city_operations": "城市网格化综合管理中心", "culture": "文物局", "archives": "档案局"}

# Functional classification (类/款/项) used by the synthetic unit budgets: code path → name. Codes and names are the
# national standard's; the reference seed gets any that it lacks.
FUNCTIONAL = {
    ("201",): "一般公共服务支出",
    ("201", "03"): "政府办公厅(室)及相关机构事务",
    ("201", "03", "01"): "行政运行",
    ("201", "03", "02"): "一般行政管理事务",
    ("204",): "公共安全支出",
    ("204", "02"): "公安",
    ("204", "02", "01"): "行政运行",
    ("204", "02", "99"): "其他公安支出",
    ("205",): "教育支出",
    ("205", "02"): "普通教育",
    ("205", "02", "02"): "小学",
    ("205", "02", "03"): "初中",
    ("207",): "文化旅游体育与传媒支出",
    ("207", "01"): "文化和旅游",
    ("207", "01", "09"): "群众文化",
    ("208",): "社会保障和就业支出",
    ("208", "05"): "行政事业单位养老支出",
    ("208", "05", "01"): "行政单位离退休",
    ("208", "05", "02"): "事业单位离退休",
    ("208", "05", "05"): "机关事业单位基本养老保险缴费支出",
    ("208", "05", "06"): "机关事业单位职业年金缴费支出",
    ("210",): "卫生健康支出",
    ("210", "11"): "行政事业单位医疗",
    ("210", "11", "01"): "行政单位医疗",
    ("210", "11", "02"): "事业单位医疗",
    ("212",): "城乡社区支出",
    ("212", "01"): "城乡社区管理事务",
    ("212", "01", "99"): "其他城乡社区管理事务支出",
    ("221",): "住房保障支出",
    ("221", "02"): "住房改革支出",
    ("221", "02", "01"): "住房公积金",
}
# Old names of whole paths (what narratives of earlier years print); budget_subjects carries them as aliases.
FUNCTIONAL_OLD_NAMES = {
    ("208", "05"): ("社会保障和就业支出", "行政事业单位离退休"),
    ("210",): ("医疗卫生与计划生育支出",),
    ("210", "11"): ("医疗卫生与计划生育支出", "医疗保障"),
}
# Personnel-related items every unit has (all basic spending), and the main classes a unit's work falls under.
PERSONNEL_ITEMS = (("208", "05", "05"), ("208", "05", "06"), ("210", "11", "02"), ("221", "02", "01"))
RETIREMENT_ITEMS = (("208", "05", "01"), ("208", "05", "02"))
MAIN_ITEMS = (
    ("201", "03", "01"),
    ("201", "03", "02"),
    ("204", "02", "01"),
    ("204", "02", "99"),
    ("205", "02", "02"),
    ("205", "02", "03"),
    ("207", "01", "09"),
    ("212", "01", "99"),
)

# Economic classification (类/款) of basic spending: personnel columns (301, 303) and public columns (302, 310).
ECONOMIC_PERSONNEL = {
    ("301",): "工资福利支出",
    ("301", "01"): "基本工资",
    ("301", "02"): "津贴补贴",
    ("301", "07"): "绩效工资",
    ("301", "08"): "机关事业单位基本养老保险缴费",
    ("301", "09"): "职业年金缴费",
    ("301", "10"): "职工基本医疗保险缴费",
    ("301", "12"): "其他社会保障缴费",
    ("301", "13"): "住房公积金",
    ("301", "99"): "其他工资福利支出",
    ("303",): "对个人和家庭的补助",
    ("303", "02"): "退休费",
    ("303", "09"): "奖励金",
    ("303", "99"): "其他对个人和家庭的补助",
}
ECONOMIC_PUBLIC = {
    ("302",): "商品和服务支出",
    ("302", "01"): "办公费",
    ("302", "02"): "印刷费",
    ("302", "03"): "咨询费",
    ("302", "04"): "手续费",
    ("302", "07"): "邮电费",
    ("302", "11"): "差旅费",
    ("302", "13"): "维修(护)费",
    ("302", "15"): "会议费",
    ("302", "16"): "培训费",
    ("302", "17"): "公务接待费",
    ("302", "27"): "委托业务费",
    ("302", "28"): "工会经费",
    ("302", "29"): "福利费",
    ("302", "31"): "公务用车运行维护费",
    ("302", "99"): "其他商品和服务支出",
    ("310",): "资本性支出",
    ("310", "02"): "办公设备购置",
    ("310", "03"): "专用设备购置",
}

# What projects and indicators are about.
OBJECTS = (
    "档案",
    "设备",
    "车辆",
    "信息系统",
    "监控点位",
    "业务培训",
    "巡查案件",
    "热线工单",
    "路灯",
    "绿地",
    "校舍",
    "课程",
    "图书",
    "文体活动",
    "场馆",
    "道路设施",
    "排水管网",
    "网格案件",
    "健康体检",
    "疫苗接种",
    "社区服务",
    "养老服务",
    "残疾人补贴",
    "就业岗位",
    "宣传资料",
    "应急物资",
    "消防设施",
    "数据平台",
    "执法记录仪",
    "停车泊位",
    "公共厕所",
    "垃圾分类点",
    "视频会议",
    "办公用房",
    "食堂服务",
    "安保服务",
    "法律顾问服务",
    "物联感知设施",
    "河道保洁",
    "农田水利",
    "食品抽检",
    "档案数字化",
    "医疗器械",
    "志愿服务",
    "心理咨询",
)
PROJECT_PATTERNS = (
    "{o}运行维护",
    "{o}采购",
    "{o}更新改造",
    "{o}建设项目",
    "{o}购买服务",
    "{o}专项经费",
    "{o}租赁费",
    "{o}提升工程",
    "{o}日常管理",
    "{o}信息化建设",
    "{o}补贴发放",
    "{o}第三方评估",
)
INDICATOR_PATTERNS = {
    "数量指标": ("{o}数量", "{o}完成数", "完成{o}建设", "{o}覆盖数", "{o}维护次数", "{o}发放数", "{o}采购完成率"),
    "质量指标": ("{o}验收合格率", "{o}完好率", "{o}准确率", "{o}达标率", "{o}质量合格性"),
    "时效指标": ("{o}完成及时性", "{o}响应及时性", "{o}采购及时性", "{o}维修及时率"),
    "成本指标": ("{o}采购合规性", "{o}成本控制率", "{o}实际投入成本控制"),
    "经济成本指标": ("{o}单位成本", "{o}预算执行偏差"),
    "经济效益指标": ("{o}使用率", "节约{o}成本"),
    "社会效益指标": ("{o}服务覆盖率", "{o}有责投诉处置率", "{o}重大事故发生数", "{o}使用效率提升", "{o}社会知晓率"),
    "生态效益指标": ("{o}节能率", "{o}环境改善情况"),
    "可持续影响指标": ("{o}长效管理机制健全性", "{o}管理制度健全性", "{o}运维长效机制"),
    "服务对象满意度指标": ("{o}使用人员满意度", "{o}服务对象满意度", "{o}群众满意度"),
}
# The 2020 form's own labels (二级目标) and what they stand for in the national framework.
LEVEL2_2020 = {
    "数量": "数量指标",
    "质量": "质量指标",
    "时效": "时效指标",
    "成本": "成本指标",
    "经济效益": "经济效益指标",
    "社会效益": "社会效益指标",
    "生态环境": "生态效益指标",
    "长效管理": "可持续影响指标",
}
LEVEL1_2020 = {
    "产出目标": ("数量", "质量", "时效", "成本"),
    "效果目标": ("经济效益", "社会效益", "生态环境"),
    "影响力目标": ("长效管理",),
}

# Target cells exactly as ../shared/design/target_cases.csv lists them (every format the real forms print), and
# templates that vary their numbers.
TARGET_LITERALS = {
    "percent": (
        "100%",
        "≥90%",
        ">=95%",
        "》85%",
        "=100%",
        ">90%",
        "<=100%",
        "≥0%",
        "=100.00(%)",
        "不低于95%",
        "不高于5%",
        "80%-90%",
        "100%投入使用",
    ),
    "count": (
        "0",
        "160人",
        "0起",
        "≥40辆",
        "≥40(辆)",
        "183(套)",
        "一套",
        ">=540000件",
        "约1360件",
        "年均流动≤80人次",
        "满足年均检验检材6000份以上需求",
        "16路/校",
    ),
    "measure": ("78.85平方公里",),
    "amount": ("≤1000万元",),
    "score": ("≥90分",),
    "duration": ("≥40小时", "<5个工作日", "及时(24小时以内)", "实现(平均停放6个月内)", "全天24小时"),
    "date": ("4-5月", "11月底", "2023年12月底前", "7月1日", "全年"),
    "qualitative": ("及时", "健全", "提升", "合格（一次验收合格）", "较上年度有所提升", "派出所、办案业务支队"),
}
TARGET_TEMPLATES = {
    "percent": ("{p}%", "≥{p}%", ">={p}%", "》{p}%", "={p}%", "不低于{p}%", "<={p}%"),
    "count": ("{n}个", "{n}人", "≥{n}辆", ">={n}件", "约{n}件", "{n}(套)", "{n}次", "≥{n}个", "{n}起"),
    "measure": ("{d}平方公里", "{d}公里", "{n}平方米"),
    "amount": ("≤{n}万元",),
    "score": ("≥{s}分",),
    "duration": ("<{n}个工作日", "及时({h}小时以内)", "≥{h}小时"),
    "date": ("{a}-{b}月", "{a}月底", "{y}年12月底前"),
    "qualitative": ("及时", "健全", "提升", "合格", "合规", "稳定", "有效", "完善", "规范", "达标"),
}
# Which kinds of target each level-2 label tends to get.
TARGET_KINDS = {
    "数量指标": ("count", "count", "count", "percent", "measure"),
    "质量指标": ("percent", "percent", "percent", "qualitative", "score"),
    "时效指标": ("qualitative", "date", "duration", "percent"),
    "成本指标": ("qualitative", "percent", "amount"),
    "经济成本指标": ("amount", "percent"),
    "经济效益指标": ("percent", "qualitative"),
    "社会效益指标": ("percent", "qualitative", "count"),
    "生态效益指标": ("percent", "qualitative"),
    "可持续影响指标": ("qualitative",),
    "服务对象满意度指标": ("percent",),
}

GOALS = (
    "通过项目实施，保障{o}正常运行，提升服务质量和管理水平。",
    "按照年度工作计划完成{o}相关工作，确保资金使用合规、项目按期完成。",
    "进一步完善{o}管理机制，提高工作效率，为群众提供更加便捷的服务。",
    "落实{o}各项任务，加强过程监管，确保项目质量和安全。",
    "通过政府采购方式确定服务供应商，委托第三方按照合同约定提供{o}相关服务，并对服务质量进行监督考核。",
    "建立健全{o}长效管理制度，明确职责分工，形成统一指挥、分级负责、协调联动的工作格局。",
    "加强信息化手段运用，实现{o}数据的互联互通和共享交互，为精细化管理提供全面信息支撑。",
    "坚持问题导向，及时发现和处置{o}运行中存在的问题，切实提升群众的获得感、幸福感和安全感。",
)
EVALUATION_TEXTS = {
    "主要绩效": (
        "1、项目总体组织比较规范；2、项目目标完成情况总体良好，综合业绩较好；3、项目完成了定期巡检工作以及故障报修的工作，"
        "整个平台运行良好，确保了{o}工作的正常运行。",
        "<p>1. 完成了{o}的年度任务，各项工作按计划推进。</p> <p>2. 管理制度健全，执行有效，资金使用规范。</p> "
        "<p>3. 服务对象满意度较高，社会效益明显，为城市精细化管理提供了有力支撑。</p>",
    ),
    "存在问题": (
        "绩效目标设置有待进一步细化",
        "过程管理资料不够完整，部分环节记录缺失",
        "预算执行进度偏慢，与实施进度不匹配",
    ),
    "整改建议": ("加强绩效目标申报工作的学习，提高预算绩效管理水平", "完善过程管理，做好资料归档，加强日常监管"),
    "整改情况": (
        "已按要求完成整改",
        "已制定整改计划并落实到人，定期召开例会跟踪整改进度",
        "<p>1、已完善相关制度，规范操作流程。</p> <p>2、已加强业务培训，提高预算绩效管理水平。</p>",
    ),
}

# Stand-in people: obviously not real (the Chinese "John Doe"s), and still shaped like names and mobile numbers so
# that masking is exercised.
STAND_IN_NAMES = ("张三", "李四", "王五", "赵六", "钱七", "孙八")
STAND_IN_MOBILE_PREFIX = "1380013"
