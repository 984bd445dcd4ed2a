"""Phrase banks for the benchmark corpus: diseases, people and sentence parts.

Sentences are composed from parts (who, when, what to do, why) so a 10,000-page
corpus reads like patient education rather than lorem ipsum, with the length,
punctuation and zh/en mix that Markdown, jieba and the templates really see.
Nothing here is medical advice; it only has to look and weigh like it.
"""

from __future__ import annotations

# slug: (zh name, en name, specialty, ICD-10, zh synonyms, en synonyms)
DISEASES = {
    "gao-xue-ya": ("高血压", "Hypertension", "cardiology", "I10", ["血压高"], ["high blood pressure"]),
    "tang-niao-bing": ("糖尿病", "Diabetes", "endocrinology", "E11", ["血糖高", "尿里有糖"],
                       ["high blood sugar", "sugar in urine"]),
    "guan-xin-bing": ("冠心病", "Coronary heart disease", "cardiology", "I25", ["心绞痛"], ["angina"]),
    "xin-li-shuai-jie": ("心力衰竭", "Heart failure", "cardiology", "I50", ["心衰"], ["weak heart"]),
    "xin-fang-chan-dong": ("心房颤动", "Atrial fibrillation", "cardiology", "I48", ["房颤", "心跳乱"],
                           ["irregular heartbeat"]),
    "gao-zhi-xue-zheng": ("高脂血症", "High cholesterol", "cardiology", "E78", ["血脂高"],
                          ["hyperlipidaemia"]),
    "xiao-chuan": ("哮喘", "Asthma", "respiratory", "J45", ["气喘", "喘不上气"], ["wheezing"]),
    "man-zu-fei": ("慢阻肺", "COPD", "respiratory", "J44", ["慢性阻塞性肺疾病", "老慢支"],
                   ["chronic bronchitis", "emphysema"]),
    "fei-yan": ("肺炎", "Pneumonia", "respiratory", "J18", ["肺部感染"], ["chest infection"]),
    "liu-xing-xing-gan-mao": ("流行性感冒", "Influenza", "general_practice", "J11", ["流感"], ["flu"]),
    "jia-kang": ("甲状腺功能亢进", "Hyperthyroidism", "endocrinology", "E05", ["甲亢"],
                 ["overactive thyroid"]),
    "jia-jian": ("甲状腺功能减退", "Hypothyroidism", "endocrinology", "E03", ["甲减"],
                 ["underactive thyroid"]),
    "tong-feng": ("痛风", "Gout", "rheumatology", "M10", ["高尿酸", "脚趾痛"], ["high uric acid"]),
    "gu-zhi-shu-song": ("骨质疏松", "Osteoporosis", "orthopedics", "M81", ["骨头变脆", "骨量少"],
                        ["brittle bones"]),
    "xi-guan-jie-yan": ("膝骨关节炎", "Knee osteoarthritis", "orthopedics", "M17", ["膝盖疼", "老寒腿"],
                        ["knee pain", "wear-and-tear arthritis"]),
    "yao-tu": ("腰椎间盘突出", "Lumbar disc herniation", "orthopedics", "M51", ["腰突", "腰腿疼"],
               ["slipped disc", "sciatica"]),
    "lei-feng-shi": ("类风湿关节炎", "Rheumatoid arthritis", "rheumatology", "M06", ["类风关"], ["RA"]),
    "nao-zu-zhong": ("脑卒中", "Stroke", "neurology", "I63", ["中风", "脑梗"], ["brain attack"]),
    "a-er-ci-hai-mo": ("阿尔茨海默病", "Alzheimer's disease", "neurology", "G30", ["老年痴呆", "记性差"],
                       ["dementia", "memory loss"]),
    "pian-tou-tong": ("偏头痛", "Migraine", "neurology", "G43", ["头疼", "一侧头痛"], ["headache"]),
    "pa-jin-sen": ("帕金森病", "Parkinson's disease", "neurology", "G20", ["手抖"], ["tremor"]),
    "yi-yu-zheng": ("抑郁症", "Depression", "psychiatry", "F32", ["情绪低落", "心情不好"], ["low mood"]),
    "jiao-lv-zheng": ("焦虑症", "Anxiety disorder", "psychiatry", "F41", ["焦虑", "心慌"], ["worry"]),
    "shi-mian": ("失眠", "Insomnia", "psychiatry", "G47", ["睡不着", "睡眠不好"], ["can't sleep"]),
    "man-xing-wei-yan": ("慢性胃炎", "Chronic gastritis", "general_practice", "K29", ["胃疼", "胃不舒服"],
                         ["stomach ache"]),
    "fan-liu": ("胃食管反流病", "Acid reflux", "general_practice", "K21", ["反酸", "烧心"],
                ["heartburn", "GERD"]),
    "zhi-fang-gan": ("脂肪肝", "Fatty liver disease", "general_practice", "K76", ["肝里有油"],
                     ["fatty liver"]),
    "yi-gan": ("乙型肝炎", "Hepatitis B", "general_practice", "B18", ["乙肝", "大三阳"], ["hep B"]),
    "man-xing-shen-bing": ("慢性肾脏病", "Chronic kidney disease", "geriatrics", "N18", ["肾功能不全"],
                           ["CKD", "kidney failure"]),
    "fei-ai": ("肺癌", "Lung cancer", "oncology", "C34", ["肺部肿瘤", "肺结节"], ["lung tumour"]),
    "ru-xian-ai": ("乳腺癌", "Breast cancer", "oncology", "C50", ["乳腺肿瘤"], ["breast lump"]),
    "chang-ai": ("结直肠癌", "Colorectal cancer", "oncology", "C18", ["肠癌", "大肠癌"], ["bowel cancer"]),
    "er-tong-shi-zhen": ("儿童湿疹", "Childhood eczema", "pediatrics", "L20", ["湿疹", "奶癣"],
                         ["atopic dermatitis"]),
    "shou-zu-kou": ("手足口病", "Hand, foot and mouth disease", "pediatrics", "B08", ["手足口"], ["HFMD"]),
    "pin-xue": ("缺铁性贫血", "Iron-deficiency anaemia", "general_practice", "D50", ["贫血", "血少"],
                ["anemia"]),
    "lao-nian-die-dao": ("老年跌倒", "Falls in older adults", "geriatrics", "W19", ["摔跤"],
                         ["falls"]),
    "yi-miao-jie-zhong": ("疫苗接种", "Vaccination", "preventive_medicine", "Z23", ["打疫苗"],
                          ["jabs", "immunisation"]),
    "fei-pang": ("肥胖症", "Obesity", "endocrinology", "E66", ["太胖", "超重"], ["overweight"]),
}

# Weights make a few conditions much bigger than others, as on a real site.
DISEASE_WEIGHTS = {"gao-xue-ya": 6, "tang-niao-bing": 6, "guan-xin-bing": 3, "nao-zu-zhong": 3,
                   "xiao-chuan": 3, "yi-yu-zheng": 3, "er-tong-shi-zhen": 2, "gu-zhi-shu-song": 2}

SPECIALTY_ZH = {
    "cardiology": "心血管内科", "endocrinology": "内分泌科", "respiratory": "呼吸内科",
    "general_practice": "全科医学科", "rheumatology": "风湿免疫科", "orthopedics": "骨科",
    "neurology": "神经内科", "psychiatry": "精神心理科", "oncology": "肿瘤科",
    "pediatrics": "儿科", "geriatrics": "老年医学科", "preventive_medicine": "预防保健科",
}

SURNAMES = [("李", "li", "Li"), ("王", "wang", "Wang"), ("张", "zhang", "Zhang"), ("刘", "liu", "Liu"),
            ("陈", "chen", "Chen"), ("杨", "yang", "Yang"), ("赵", "zhao", "Zhao"), ("黄", "huang", "Huang"),
            ("周", "zhou", "Zhou"), ("吴", "wu", "Wu"), ("徐", "xu", "Xu"), ("孙", "sun", "Sun"),
            ("胡", "hu", "Hu"), ("朱", "zhu", "Zhu"), ("高", "gao", "Gao"), ("林", "lin", "Lin")]
GIVEN = [("明", "ming", "Ming"), ("芳", "fang", "Fang"), ("伟", "wei", "Wei"), ("静", "jing", "Jing"),
         ("磊", "lei", "Lei"), ("敏", "min", "Min"), ("洋", "yang", "Yang"), ("艳", "yan", "Yan"),
         ("军", "jun", "Jun"), ("婷", "ting", "Ting"), ("超", "chao", "Chao"), ("慧", "hui", "Hui"),
         ("建华", "jian-hua", "Jianhua"), ("晓燕", "xiao-yan", "Xiaoyan"), ("志强", "zhi-qiang", "Zhiqiang")]
TITLES = ["主任医师", "副主任医师", "主治医师", "主任医师、教授"]
CITIES = ["北京", "上海", "广州", "成都", "武汉", "杭州", "西安", "南京", "沈阳", "长沙"]
HOSPITALS = ["第一人民医院", "中心医院", "大学附属医院", "中医院", "妇幼保健院", "第二人民医院"]

CHARACTERS = [
    ("xiao-hu", "小护", "Nurse Hu", "耐心、口语化的护士"),
    ("wang-bo", "王伯", "Uncle Wang", "退休工人，爱问问题"),
    ("li-a-yi", "李阿姨", "Auntie Li", "热心的广场舞领队"),
    ("xiao-ming", "小明", "Xiao Ming", "加班多的程序员"),
    ("zhang-yi-sheng", "张医生", "Dr Zhang", "说话直接的社区医生"),
    ("dou-dou", "豆豆", "Doudou", "五岁的小朋友"),
    ("chen-nai-nai", "陈奶奶", "Granny Chen", "独居老人，记性不太好"),
    ("xiao-yao-shi", "小药师", "Pharmacist Xiao", "讲清楚怎么用药"),
]
ASKERS = ["wang-bo", "li-a-yi", "xiao-ming", "dou-dou", "chen-nai-nai"]
ANSWERERS = ["xiao-hu", "zhang-yi-sheng", "xiao-yao-shi"]

SPONSORS = [
    ("demo-pharma", "示例药业", "本页由示例药业提供教育资助。"),
    ("kang-jian-foundation", "康健公益基金会", "本页由康健公益基金会资助制作。"),
    ("yi-xue-hui", "示例医学会", "本页内容由示例医学会支持。"),
]

CHANNEL_KINDS = ["douyin", "wechat_group", "wechat_official", "bilibili", "xiaohongshu", "weibo",
                 "website"]
REGIONS = ["全国", "北京", "上海", "广东", "四川", "湖北"]

EDITORS = ["编辑小张", "编辑老周", "编辑林一", "编辑赵晴", "编辑何川"]

# Topics double as tags and as parts of titles and slugs: (zh, pinyin slug, en, en slug).
TOPICS = [
    ("饮食", "yin-shi", "eating well", "diet"), ("运动", "yun-dong", "staying active", "exercise"),
    ("用药", "yong-yao", "taking medicines", "medicines"), ("复查", "fu-cha", "check-ups", "check-ups"),
    ("睡眠", "shui-mian", "sleep", "sleep"), ("自我监测", "zi-wo-jian-ce", "self-monitoring", "monitoring"),
    ("常见误区", "wu-qu", "common myths", "myths"), ("并发症", "bing-fa-zheng", "complications",
                                                     "complications"),
    ("出行旅行", "lv-xing", "travelling", "travel"), ("孕期", "yun-qi", "pregnancy", "pregnancy"),
    ("老年人", "lao-nian-ren", "older adults", "older-adults"), ("儿童", "er-tong", "children", "children"),
    ("心理调适", "xin-li", "coping and mood", "coping"), ("急救", "ji-jiu", "emergencies", "emergencies"),
    ("检查化验", "jian-cha", "tests and results", "tests"), ("早期信号", "zao-qi-xin-hao",
                                                             "early warning signs", "early-signs"),
    ("家庭护理", "hu-li", "caring at home", "home-care"), ("工作与生活", "gong-zuo", "work and life",
                                                          "work-life"),
]
ANGLES = [("指南", "zhi-nan", "A guide to", "guide"), ("十问十答", "wen-da", "Questions about", "faq"),
          ("小贴士", "tie-shi", "Tips for", "tips"), ("入门", "ru-men", "Getting started with", "basics"),
          ("要点", "yao-dian", "Key facts on", "key-facts")]

ZH_WHO = ["很多患者", "不少家属", "上了年纪的人", "刚确诊的朋友", "长期服药的人", "家里的老人",
          "年轻上班族", "孕期妈妈", "孩子的家长", "住在农村的患者", "独居的老人"]
ZH_WHEN = ["每天早上起床后", "饭后两小时", "换季的时候", "出门旅行前", "工作压力大的时候",
           "天气突然变冷时", "晚上睡觉前", "复查前一周", "感冒发烧期间", "节假日聚餐时"]
ZH_DO = ["记录一下身体的变化", "按医生的嘱咐按时用药", "把问题写下来带给医生", "适当散步三十分钟",
         "少吃腌制食品和加工肉", "保证七到八小时睡眠", "和家人聊聊自己的感受", "测量并记下结果",
         "用手机 App 设置服药提醒", "把 BMI 控制在合适范围", "按时到社区医院复查", "多喝白开水、少喝含糖饮料"]
ZH_WHY = ["这样医生能更快了解病情", "这能帮助病情保持稳定", "这样可以降低并发症的风险",
          "坚持几个月后变化会更明显", "身体需要时间慢慢适应", "这比临时补救更有用",
          "很多问题都能早一点被发现"]
ZH_WARN = ["不要自行停药或换药", "别轻信偏方和所谓的特效产品", "有疑问先咨询医生或药师",
           "不要因为症状减轻就放松管理", "不要把别人的药拿来吃"]
ZH_FACT = ["{d}是一种常见病，需要长期管理。", "{d}早期往往没有明显症状。", "{d}和生活方式关系密切。",
           "规范治疗后，大多数{d}患者可以正常工作和生活。", "{d}的检查并不复杂，社区医院就能做。",
           "家里有人得了{d}，其他成员也要注意体检。"]
ZH_ASK = ["需要一直吃药吗？", "饮食上要注意什么？", "可以运动吗？", "多久复查一次？", "会不会遗传？",
          "化验单上的箭头是什么意思？", "能喝酒吗？", "晚上老是醒怎么办？"]
ZH_ANSWER = ["别着急，我们一条一条来看。", "这个要看具体情况，下次复查时问问医生。",
             "可以，但要循序渐进。", "按时复查最重要。", "先把每天的记录带来给我看看。"]

EN_WHO = ["many patients", "family members", "older adults", "people who were just diagnosed",
          "people on long-term medicines", "busy office workers", "parents of young children",
          "people who live alone"]
EN_WHEN = ["every morning after getting up", "two hours after a meal", "when the seasons change",
           "before a long trip", "during stressful weeks", "when the weather turns cold",
           "before going to bed", "in the week before a check-up", "during a cold or fever"]
EN_DO = ["write down how they feel", "take their medicines as prescribed",
         "bring a list of questions to the doctor", "walk for thirty minutes",
         "cut down on salty and pickled food", "aim for seven to eight hours of sleep",
         "talk with family about how they feel", "measure and record the result",
         "set a reminder on their phone", "keep their BMI in a healthy range",
         "drink water instead of sugary drinks"]
EN_WHY = ["this helps the doctor see what is going on", "it keeps the condition steady",
          "it lowers the risk of complications", "small habits add up over months",
          "the body needs time to adjust", "problems are found earlier"]
EN_WARN = ["do not stop or switch medicines on your own", "be wary of miracle products",
           "ask a doctor or pharmacist when in doubt", "do not relax because symptoms ease",
           "never take medicine prescribed for someone else"]
EN_FACT = ["{d} is common and needs long-term care.", "{d} often has no symptoms at first.",
           "{d} is closely linked to daily habits.",
           "With regular treatment most people with {d} live and work normally.",
           "Tests for {d} are simple and a community clinic can do them.",
           "If one family member has {d}, the others should have a check-up too."]
EN_ASK = ["Do I need medicine for life?", "What should I eat?", "Can I exercise?",
          "How often should I be checked?", "Does it run in families?",
          "What do the arrows on my lab report mean?", "Can I drink alcohol?"]
EN_ANSWER = ["Let's go through it one step at a time.", "That depends; ask at your next check-up.",
             "Yes, but build up slowly.", "Regular check-ups matter most.",
             "Bring me your daily notes next time."]

ZH_RED_FLAGS = ["胸痛、出冷汗时立即拨打 120", "突然说话不清或一侧手脚无力时立即就医",
                "呼吸困难、嘴唇发紫时马上去急诊", "意识模糊或昏倒时立即呼叫急救",
                "高烧不退超过三天时及时就诊"]
EN_RED_FLAGS = ["Call an ambulance for chest pain with cold sweat",
                "Get help now for sudden slurred speech or a weak arm or leg",
                "Go to the emergency room if you cannot catch your breath",
                "Call for help if someone faints or becomes confused",
                "See a doctor if a high fever lasts more than three days"]

ZH_TIMELINE = {"onset": ["最初", "三年前", "去年冬天", "退休后不久"],
               "diagnosis": ["第 1 周", "一个月后", "体检时", "第二次就诊时"],
               "treatment": ["第 1 个月", "随后半年", "住院期间", "出院后"],
               "outcome": ["半年后", "一年后", "现在", "两年后"],
               "follow_up": ["每三个月", "每半年", "每年"]}
EN_TIMELINE = {"onset": ["At first", "Three years ago", "Last winter", "Soon after retiring"],
               "diagnosis": ["Week 1", "A month later", "At a health check", "On the second visit"],
               "treatment": ["Month 1", "The next six months", "In hospital", "After discharge"],
               "outcome": ["Six months later", "A year later", "Today", "Two years later"],
               "follow_up": ["Every three months", "Every six months", "Once a year"]}
ZH_STEP = {"onset": ["总觉得{s}，以为是累的。", "家人发现{p}最近{s}。"],
           "diagnosis": ["在医院检查后确诊为{d}。", "医生结合化验结果诊断为{d}。"],
           "treatment": ["按医嘱开始规律治疗，并调整了饮食和作息。", "在医生指导下用药，每周记录一次指标。"],
           "outcome": ["指标基本稳定，又能照顾孙子了。", "症状明显减轻，重新回到工作岗位。"],
           "follow_up": ["定期复查，没有再出现明显不适。", "坚持复查，医生根据结果微调方案。"]}
EN_STEP = {"onset": ["Kept feeling {s} and blamed tiredness.", "The family noticed {p} was {s}."],
           "diagnosis": ["Tests at the hospital confirmed {d}.", "The doctor diagnosed {d} from the lab results."],
           "treatment": ["Started regular treatment and changed meals and sleep.",
                         "Took medicines as advised and logged results weekly."],
           "outcome": ["Results are steady and grandchildren are back on the schedule.",
                       "Symptoms eased and work resumed."],
           "follow_up": ["Regular check-ups, no new problems.", "Check-ups continue; the plan is fine-tuned."]}
ZH_SYMPTOM = ["头晕乏力", "容易口渴", "晚上睡不好", "走路没劲", "胸口发闷", "关节发僵", "情绪低落"]
EN_SYMPTOM = ["dizzy and tired", "thirsty all the time", "sleeping badly", "short of energy",
              "tight in the chest", "stiff in the joints", "low in mood"]
ZH_LESSONS = ["坚持测量，比凭感觉更靠谱", "家人的支持很重要", "按时复查能早发现问题",
              "不舒服要早点就医", "小习惯的改变也有用"]
EN_LESSONS = ["Measuring beats guessing", "Family support matters", "Regular check-ups catch problems early",
              "Seek care early when something feels wrong", "Small changes add up"]

ZH_HEADINGS = ["为什么要重视", "日常怎么做", "什么时候去医院", "家人能帮什么忙", "常见问题"]
EN_HEADINGS = ["Why it matters", "What to do every day", "When to see a doctor",
               "How family can help", "Common questions"]
ZH_ALT = "{a}和{b}在{place}聊{topic}，{a}指着一张记录表"
EN_ALT = "{a} and {b} talk about {topic} at {place}; {a} points at a chart"
ZH_PLACES = ["社区医院", "家里的客厅", "公园长椅上", "药房柜台前", "医院走廊"]
EN_PLACES = ["the community clinic", "the living room", "a park bench", "the pharmacy counter",
             "a hospital corridor"]
GUIDE_PUBLISHERS_ZH = ["中华医学会", "国家卫生健康委员会", "中国医师协会", "中华预防医学会"]
GUIDE_PUBLISHERS_EN = ["World Health Organization", "National Guideline Centre (example)",
                       "Example Society of Physicians"]
