"""A small zh/en corpus over the six demo diseases, for search tests and scripts/search_eval.py.

Pages are written the way the demo corpus is: medical words in the text, lay
words only in the hubs' synonyms, so the judged lay-term queries really test
synonym expansion.
"""

from __future__ import annotations

from tests.contentfactory import SVG_PATH, page, signoff

# disease slug: zh hub, en hub, specialty, zh synonyms, en synonyms, icd10
HUBS = {
    "gao-xue-ya": ("高血压", "Hypertension", "cardiology", ["血压高", "高血压病"],
                   ["high blood pressure"], "I10"),
    "tang-niao-bing": ("2型糖尿病", "Type 2 diabetes", "endocrinology", ["糖尿病", "血糖高", "糖友"],
                       ["diabetes", "high blood sugar"], "E11"),
    "xiao-chuan": ("哮喘", "Asthma", "respiratory", ["支气管哮喘", "气喘"], ["wheezing"], "J45"),
    "yi-yu-zheng": ("抑郁症", "Depression", "psychiatry", ["抑郁", "心情低落"],
                    ["low mood", "depressed"], "F32"),
    "gu-zhi-shu-song": ("骨质疏松症", "Osteoporosis", "orthopedics", ["骨质疏松", "骨头变脆"],
                        ["brittle bones"], "M81"),
    "er-tong-yi-miao-jie-zhong": ("儿童疫苗接种", "Childhood vaccination", "pediatrics",
                                  ["打疫苗", "预防针"], ["immunization", "shots"], "Z23"),
}

# (disease, lang, slug, title, summary, body)
ARTICLES = [
    ("gao-xue-ya", "zh", "zai-jia-liang-xue-ya", "在家怎么量血压",
     "教你用电子血压计在家正确测量血压。",
     "量血压前先安静坐五分钟，手臂和心脏保持同一高度。早晚各测一次，记录下来复诊时给医生看。"),
    ("gao-xue-ya", "zh", "shao-chi-yan", "少吃盐，血压稳",
     "高血压患者每天吃盐不超过五克。",
     "吃盐太多会让血压升高。酱油、咸菜和加工肉里都藏着盐。多吃蔬菜水果，坚持服用降压药，不要自己停药。"),
    ("gao-xue-ya", "en", "measuring-blood-pressure-at-home", "Measuring blood pressure at home",
     "How to measure your blood pressure at home with a monitor.",
     "Sit quietly for five minutes before measuring. Keep your arm at heart level and write down each reading."),
    ("gao-xue-ya", "en", "less-salt", "Less salt, steadier blood pressure",
     "Eating less salt lowers blood pressure.",
     "Too much salt raises blood pressure. Soy sauce, pickles and processed meat hide salt. Keep taking your pills."),
    ("tang-niao-bing", "zh", "tang-niao-bing-yin-shi", "糖尿病怎么吃",
     "糖尿病饮食：主食定量，少喝含糖饮料。",
     "糖尿病患者要控制主食的量，多吃粗粮和蔬菜。含糖饮料会让血糖迅速升高。按时监测血糖。"),
    ("tang-niao-bing", "zh", "di-xue-tang", "低血糖怎么办",
     "出现心慌、出冷汗、手抖，可能是低血糖。",
     "用胰岛素或降糖药的糖尿病患者可能发生低血糖。感觉心慌手抖时，马上吃几块糖或喝半杯果汁，十五分钟后再测血糖。"),
    ("tang-niao-bing", "zh", "tang-niao-bing-zu", "保护好双脚",
     "糖尿病足：手脚发麻要警惕神经病变。",
     "长期血糖控制不好会损伤神经和血管，出现手脚麻木、刺痛。每天检查双脚有没有伤口，穿合脚的鞋。"),
    ("tang-niao-bing", "en", "eating-with-diabetes", "Eating well with diabetes",
     "Diabetes diet: steady portions and fewer sugary drinks.",
     "People with diabetes should keep starchy food portions steady and eat more vegetables. Sugary drinks raise blood glucose fast."),
    ("tang-niao-bing", "en", "low-blood-sugar", "What to do about a hypo",
     "Shaking, sweating and a racing heart can mean hypoglycaemia.",
     "If you use insulin you can get hypoglycaemia. Eat some sweets or drink juice at once and check your glucose again after fifteen minutes."),
    ("tang-niao-bing", "en", "diabetes-feet", "Looking after your feet",
     "Numbness and tingling in the feet can be nerve damage from diabetes.",
     "High glucose over years damages nerves. Check your feet every day for cuts and wear shoes that fit."),
    ("xiao-chuan", "zh", "xi-ru-qi", "吸入器的正确用法",
     "哮喘患者要学会正确使用吸入器。",
     "先呼气，再把吸入器含在嘴里，按下的同时深吸气，屏气十秒。用完激素吸入剂要漱口。"),
    ("xiao-chuan", "zh", "xiao-chuan-fa-zuo", "哮喘发作时怎么办",
     "胸闷、喘不上气时按医嘱使用急救药。",
     "哮喘发作时保持坐姿，使用缓解药。如果说话困难、嘴唇发紫，马上拨打急救电话。"),
    ("xiao-chuan", "en", "using-an-inhaler", "Using your inhaler properly",
     "People with asthma need to use their inhaler the right way.",
     "Breathe out, put the inhaler in your mouth, press and breathe in deeply, then hold your breath for ten seconds."),
    ("xiao-chuan", "en", "asthma-attack", "During an asthma attack",
     "Chest tightness and breathlessness: use your reliever.",
     "Sit upright and use your reliever inhaler. If you cannot speak or your lips turn blue, call an ambulance."),
    ("yi-yu-zheng", "zh", "ren-shi-yi-yu", "抑郁不是矫情",
     "情绪持续低落两周以上要重视。",
     "抑郁症是一种常见疾病，表现为兴趣减退、失眠、乏力。它不是性格软弱，心理治疗和药物都有效。"),
    ("yi-yu-zheng", "zh", "shi-mian", "睡不着也是信号",
     "长期失眠可能和抑郁有关。",
     "早醒、入睡困难、白天没精神，持续两周以上要去看精神科或心理科医生。"),
    ("yi-yu-zheng", "en", "understanding-depression", "Depression is not weakness",
     "Feeling down for more than two weeks needs attention.",
     "Depression is a common illness: loss of interest, poor sleep and tiredness. Talking therapy and medicines both help."),
    ("yi-yu-zheng", "en", "sleep-and-mood", "Sleep problems and mood",
     "Long-lasting insomnia can be linked with depression.",
     "Waking early and trouble falling asleep for weeks are reasons to see a doctor."),
    ("gu-zhi-shu-song", "zh", "bu-gai", "怎样补钙",
     "补钙和维生素D让骨骼更结实。",
     "骨质疏松的老人要多喝牛奶，多晒太阳补充维生素D，适当负重运动。"),
    ("gu-zhi-shu-song", "zh", "fang-die-dao", "预防跌倒",
     "骨质疏松最怕摔跤骨折。",
     "家里地面保持干燥，卫生间装扶手，夜里开小灯。一旦跌倒后髋部疼痛，要及时就医。"),
    ("gu-zhi-shu-song", "en", "calcium", "Getting enough calcium",
     "Calcium and vitamin D keep bones strong.",
     "Older people with osteoporosis should drink milk, get some sunlight and do weight-bearing exercise."),
    ("gu-zhi-shu-song", "en", "preventing-falls", "Preventing falls",
     "A fall is the main danger for fragile bones.",
     "Keep floors dry, fit grab rails in the bathroom and use a night light. See a doctor after a fall with hip pain."),
    ("er-tong-yi-miao-jie-zhong", "zh", "jie-zhong-hou-fa-shao", "接种后发烧怎么办",
     "宝宝接种疫苗后低热一般一两天就好。",
     "接种疫苗后出现低热、接种部位红肿是常见反应。多喝水，注意休息，体温超过38.5度或持续不退要就医。"),
    ("er-tong-yi-miao-jie-zhong", "zh", "mian-yi-gui-hua", "免疫规划时间表",
     "按时带孩子去社区接种。",
     "国家免疫规划疫苗免费接种，家长要按接种证上的时间带孩子去社区卫生服务中心。"),
    ("er-tong-yi-miao-jie-zhong", "en", "fever-after-vaccination", "Fever after a vaccination",
     "A mild fever after a vaccination usually settles in a day or two.",
     "A low fever and a red sore spot are common after a vaccine. Give fluids; see a doctor if the fever is high or lasts."),
    ("er-tong-yi-miao-jie-zhong", "en", "vaccination-schedule", "The vaccination schedule",
     "Take your child for each vaccine on time.",
     "The national schedule lists when each vaccine is due. Bring the record card to the clinic."),
]

CASES = [
    ("gao-xue-ya", "zh", "wang-bo-de-gu-shi", "王伯的降压故事", "王伯坚持服药，血压稳定了。",
     "王伯头晕了很久，一量血压160/100，确诊高血压。"),
    ("tang-niao-bing", "zh", "li-a-yi-kong-tang", "李阿姨控糖记", "李阿姨靠饮食和运动控制血糖。",
     "李阿姨总是口渴、夜尿多，一查血糖很高，确诊糖尿病。"),
]


def sample_pages() -> list[tuple[dict, str]]:
    pages = []
    for disease, (zh, en, specialty, syn_zh, syn_en, icd) in HUBS.items():
        so = signoff("wang-fang", "endocrinology") if specialty == "endocrinology" else signoff()
        pages.append(page("disease", "zh", disease, title=zh, summary=f"{zh}是什么，怎么防治。",
                          synonyms=syn_zh, icd10=icd, specialty=specialty,
                          translation_key=f"tk-{disease}", signoff=so,
                          body=f"{zh}是常见的慢性病，需要长期管理。"))
        pages.append(page("disease", "en", disease, title=en,
                          summary=f"What {en.lower()} is and how it is managed.",
                          synonyms=syn_en, icd10=icd, specialty=specialty,
                          translation_key=f"tk-{disease}", signoff=so,
                          body=f"{en} is common and needs long-term care."))
    for disease, lang, slug, title, summary, body in ARTICLES:
        panels = [{"image": SVG_PATH, "width": 400, "height": 300, "alt": title, "caption": summary,
                   "bubbles": [{"character": "xiao-hu", "text": title}]}]
        pages.append(page("explainer", lang, disease, slug=slug, title=title, summary=summary,
                          specialty=HUBS[disease][2], translation_key=f"tk-{slug}", body=body,
                          panels=panels, key_points=[summary], red_flags=[],
                          characters=["xiao-hu"]))
    for disease, lang, slug, title, summary, body in CASES:
        timeline = [{"stage": "onset", "when": "最初", "text": body},
                    {"stage": "outcome", "when": "半年后", "text": summary}]
        pages.append(page("case_story", lang, disease, slug=slug, title=title, summary=summary,
                          specialty=HUBS[disease][2], translation_key=f"tk-{slug}", body=body,
                          timeline=timeline, lessons=[summary]))
    return pages
