"""The default pipeline of a workspace without a Sendocki account: Sendocki's standard stages,
named and with message templates in the seller's language (French, Arabic or English).

French texts put a no-break space before : ? ! as French typography wants (no line break there
in the chat). Templates use the placeholders of services.automation: {{name}}, {{first_name}},
{{order_number}}, {{total}}, {{items}}, {{stage}}, {{address}}, {{city}}.
"""

LANGUAGES = ("fr", "ar", "en")
# Moroccan cash-on-delivery sellers mostly work in French; used when the system says nothing.
FALLBACK_LANGUAGE = "fr"

# (key, colour, standard state); the key names the stage in NAMES and TEMPLATES.
STAGES = [
    ("new", "green", "new"),
    ("unreachable", "orange", "unreachable"),
    ("to_confirm", "yellow", "to_confirm"),
    ("confirmed", "blue", "confirmed"),
    ("preparation", "orange", None),
    ("shipped", "purple", "shipped"),
    ("delivered", "green", "delivered"),
    ("delivery_failure", "red", "delivery_failure"),
    ("returned", "red", "returned"),
    ("cancelled", "gray", "cancelled"),
]

NAMES = {
    "en": {
        "new": "New",
        "unreachable": "Unreachable",
        "to_confirm": "To confirm by call",
        "confirmed": "Confirmed",
        "preparation": "Preparation",
        "shipped": "Shipped",
        "delivered": "Delivered",
        "delivery_failure": "Delivery failure",
        "returned": "Returned",
        "cancelled": "Cancelled",
    },
    "fr": {
        "new": "Nouvelle",
        "unreachable": "Injoignable",
        "to_confirm": "À confirmer par appel",
        "confirmed": "Confirmée",
        "preparation": "Préparation",
        "shipped": "Expédiée",
        "delivered": "Livrée",
        "delivery_failure": "Échec de livraison",
        "returned": "Retournée",
        "cancelled": "Annulée",
    },
    "ar": {
        "new": "جديدة",
        "unreachable": "لا يجيب",
        "to_confirm": "للتأكيد بالهاتف",
        "confirmed": "مؤكدة",
        "preparation": "قيد التحضير",
        "shipped": "تم الشحن",
        "delivered": "تم التسليم",
        "delivery_failure": "فشل التسليم",
        "returned": "مرتجعة",
        "cancelled": "ملغاة",
    },
}

TEMPLATES = {
    "en": {
        "new": "Hello {{first_name}}, thank you for your order {{order_number}} ({{total}}): "
        "{{items}}. We will call you very soon to confirm it.",
        "unreachable": "Hello {{first_name}}, we tried to call you about your order "
        "{{order_number}}. When can we reach you?",
        "confirmed": "Your order {{order_number}} is confirmed: {{items}}, {{total}} to pay on "
        "delivery in {{city}}.",
        "shipped": "Your order {{order_number}} is on its way. Please keep your phone on for "
        "the delivery person.",
        "delivered": "Thank you {{first_name}}! Your order {{order_number}} was delivered. "
        "See you soon.",
    },
    "fr": {
        "new": "Bonjour {{first_name}}, merci pour votre commande {{order_number}} ({{total}})\u00a0: "
        "{{items}}. Nous vous appelons très bientôt pour la confirmer.",
        "unreachable": "Bonjour {{first_name}}, nous avons essayé de vous appeler pour votre "
        "commande {{order_number}}. Quand pouvons-nous vous joindre\u00a0?",
        "confirmed": "Votre commande {{order_number}} est confirmée\u00a0: {{items}}, {{total}} à "
        "payer à la livraison à {{city}}.",
        "shipped": "Votre commande {{order_number}} est en route. Merci de garder votre "
        "téléphone allumé pour le livreur.",
        "delivered": "Merci {{first_name}}\u00a0! Votre commande {{order_number}} a été livrée. "
        "À bientôt.",
    },
    "ar": {
        "new": "مرحبا {{first_name}}، شكرا على طلبك {{order_number}} ({{total}}): {{items}}. "
        "سنتصل بك قريبا لتأكيده.",
        "unreachable": "مرحبا {{first_name}}، حاولنا الاتصال بك بخصوص طلبك {{order_number}}. "
        "متى يمكننا الاتصال بك؟",
        "confirmed": "تم تأكيد طلبك {{order_number}}: {{items}}، {{total}} تدفع عند التسليم في "
        "{{city}}.",
        "shipped": "طلبك {{order_number}} في الطريق. "
        "المرجو إبقاء هاتفك مفتوحا من أجل عامل التوصيل.",
        "delivered": "شكرا {{first_name}}! تم تسليم طلبك {{order_number}}. إلى اللقاء.",
    },
}
