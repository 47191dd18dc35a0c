"""Texts of the demo impact page (data only): its title and introduction in the six
languages."""

TITLES = {
    "en": "Our impact, 2015–2021",
    "zh-hans": "2015–2021年成果",
    "fr": "Notre impact, 2015-2021",
    "es": "Nuestro impacto, 2015-2021",
    "ru": "Наши результаты, 2015–2021",
    "ar": "أثرنا، 2015–2021",
}
INTROS = {
    "en": "The centre's training sessions and international seminars from 2015 to 2021, in "
    "figures computed from the platform's records. Small numbers are not shown, so that no "
    "one can be singled out.",
    "zh-hans": "中心2015年至2021年的培训班和国际研讨会，数据来自平台记录。"
    "为避免识别到个人，较小的数字不予显示。",
    "fr": "Les formations et séminaires internationaux du centre de 2015 à 2021, en chiffres "
    "calculés à partir des données de la plateforme. Les petits nombres ne sont pas "
    "affichés, afin que personne ne puisse être identifié.",
    "es": "Las formaciones y seminarios internacionales del centro de 2015 a 2021, en cifras "
    "calculadas a partir de los registros de la plataforma. Las cifras pequeñas no se "
    "muestran, para que nadie pueda ser identificado.",
    "ru": "Учебные курсы и международные семинары центра с 2015 по 2021 год в цифрах, "
    "рассчитанных по данным платформы. Малые числа не показываются, чтобы никого нельзя "
    "было узнать.",
    "ar": "الدورات التدريبية والندوات الدولية للمركز من 2015 إلى 2021، بأرقام محسوبة من "
    "سجلات المنصة. لا تُعرض الأعداد الصغيرة حتى لا يمكن التعرف على أي شخص.",
}
