"""The demo workspace: a small Moroccan cash-on-delivery shop (French names, MAD prices)."""

from sendocki_helper.services.default_stages_text import NAMES, STAGES

# The "COD Business" pipeline (docs/orders.md, "Pipeline stages"): name, colour, standard state;
# the default pipeline's stages, under their English names.
COD_BUSINESS_STAGES = [(NAMES["en"][key], color, state) for key, color, state in STAGES]

# Several lines, as sellers write them: the extension keeps the line breaks in WhatsApp's box.
NEW_STAGE_TEMPLATE = (
    "Bonjour {{name}},\n"
    "merci pour votre commande {{order_number}} ({{total}}) : {{items}}.\n"
    "Nous vous appelons très bientôt pour la confirmer."
)

SIZES = ["S", "M", "L", "XL"]

# (sku, name, price, variants): variants are (sku suffix, attributes, stock, price override or None);
# a simple product has one stock figure instead.
DemoVariant = tuple[str, dict[str, str], int, str | None]


def by_size(
    sizes: list[str], stocks: list[int], axis: str = "taille", **same: str
) -> list[DemoVariant]:
    """One variant a size (the size is its SKU suffix) with its stock; `same` for every size."""
    return [(size, {axis: size, **same}, n, None) for size, n in zip(sizes, stocks, strict=True)]


PRODUCTS: list[tuple[str, str, str, int | list[DemoVariant]]] = [
    (
        "SAC-CUIR",
        "Sac cuir",
        "189.00",
        [
            ("NOIR", {"couleur": "Noir"}, 1, None),
            ("MARRON", {"couleur": "Marron"}, 7, None),
            ("ROUGE", {"couleur": "Rouge"}, 0, "199.00"),
        ],
    ),
    (
        "SAC-BANDOULIERE",
        "Sac bandoulière",
        "159.00",
        [("NOIR", {"couleur": "Noir"}, 4, None), ("BEIGE", {"couleur": "Beige"}, 3, None)],
    ),
    ("SAC-DOS", "Sac à dos en toile", "149.00", 12),
    ("POCHETTE-SOIREE", "Pochette de soirée dorée", "99.00", 6),
    (
        "CEINTURE-CUIR",
        "Ceinture en cuir",
        "89.00",
        [
            ("NOIR-90", {"couleur": "Noir", "taille": "90"}, 5, None),
            ("NOIR-100", {"couleur": "Noir", "taille": "100"}, 0, None),
            ("MARRON-100", {"couleur": "Marron", "taille": "100"}, 2, None),
        ],
    ),
    ("CEINTURE-TRESSEE", "Ceinture tressée", "69.00", 9),
    (
        "TSH-BLANC",
        "T-shirt blanc",
        "139.00",
        by_size(SIZES, [4, 10, 6, 0], couleur="Blanc"),
    ),
    (
        "TSH-NOIR",
        "T-shirt noir",
        "139.00",
        by_size(SIZES, [3, 8, 8, 2], couleur="Noir"),
    ),
    (
        "CHEMISE-LIN",
        "Chemise en lin",
        "229.00",
        by_size(SIZES, [2, 5, 5, 1], couleur="Écru"),
    ),
    (
        "JEAN-SLIM",
        "Jean slim délavé",
        "259.00",
        by_size(["38", "40", "42", "44"], [3, 6, 4, 0]),
    ),
    (
        "BABOUCHE",
        "Babouches en cuir",
        "120.00",
        by_size(["38", "39", "40", "41", "42"], [2, 4, 0, 3, 5], "pointure", couleur="Jaune"),
    ),
    (
        "BASKET-BLANC",
        "Baskets blanches",
        "349.00",
        by_size(["40", "41", "42", "43"], [1, 3, 3, 0], "pointure"),
    ),
    ("SANDALE-ETE", "Sandales d'été", "179.00", 0),
    (
        "DJELLABA-FEMME",
        "Djellaba brodée femme",
        "450.00",
        [
            ("BLEU-M", {"couleur": "Bleu", "taille": "M"}, 2, None),
            ("BLEU-L", {"couleur": "Bleu", "taille": "L"}, 1, None),
            ("VERT-M", {"couleur": "Vert", "taille": "M"}, 0, "470.00"),
        ],
    ),
    (
        "DJELLABA-HOMME",
        "Djellaba homme en laine",
        "520.00",
        [
            ("GRIS-L", {"couleur": "Gris", "taille": "L"}, 3, None),
            ("GRIS-XL", {"couleur": "Gris", "taille": "XL"}, 2, None),
        ],
    ),
    ("CAFTAN-SOIE", "Caftan en soie", "890.00", 2),
    ("GANDOURA", "Gandoura légère", "210.00", 7),
    ("FOULARD-SOIE", "Foulard en soie", "79.00", 15),
    (
        "HUILE-ARGAN",
        "Huile d'argan pure زيت الأركان",
        "120.00",
        [
            ("50ML", {"contenance": "50 ml"}, 20, None),
            ("100ML", {"contenance": "100 ml"}, 11, "210.00"),
        ],
    ),
    ("SAVON-NOIR", "Savon noir beldi الصابون البلدي", "35.00", 40),
    ("GHASSOUL", "Ghassoul naturel", "45.00", 25),
    ("EAU-ROSE", "Eau de rose", "55.00", 18),
    ("THE-VERT", "Thé vert à la menthe", "39.00", 30),
    ("CAFE-EPICE", "Café épicé", "65.00", 0),
    ("AMLOU", "Amlou aux amandes", "95.00", 8),
    ("MIEL-THYM", "Miel de thym", "150.00", 6),
    (
        "TAJINE-TERRE",
        "Tajine en terre cuite",
        "130.00",
        [("28CM", {"diamètre": "28 cm"}, 4, None), ("32CM", {"diamètre": "32 cm"}, 2, "160.00")],
    ),
    ("THEIERE-INOX", "Théière en inox", "110.00", 9),
    ("VERRES-THE", "Verres à thé (lot de 6)", "75.00", 14),
    ("TAPIS-BERBERE", "Tapis berbère", "1200.00", 1),
    ("COUSSIN-KILIM", "Coussin kilim", "140.00", 0),
    ("LANTERNE", "Lanterne marocaine", "260.00", 3),
    (
        "MONTRE-CLASSIC",
        "Montre classique",
        "299.00",
        [("ARGENT", {"couleur": "Argent"}, 2, None), ("OR", {"couleur": "Or"}, 0, "329.00")],
    ),
    ("LUNETTES-SOLEIL", "Lunettes de soleil", "159.00", 10),
]

AGENTS = ["Salma Idrissi", "Youssef Amrani"]
TEAMS = ["Confirmation Casablanca"]

# Customers: name, phone as a seller types it, email, addresses (line, city).
CUSTOMERS = [
    (
        "Fatima Zahra Benali",
        "06 61 23 45 67",
        "fatima.benali@example.ma",
        [("12 Rue Atlas, Maarif", "Casablanca"), ("45 Avenue Mohammed V, Guéliz", "Marrakech")],
    ),
    ("Karim El Fassi", "0700112233", None, [("8 Rue de Fès, Agdal", "Rabat")]),
    # Two cards on one number: flagged as duplicates, never merged silently.
    ("Nadia Tazi", "+212 6 22 33 44 55", None, [("3 Derb Sidi Bouloukat", "Fès")]),
    (
        "Nadia T. (boutique)",
        "00212622334455",
        "boutique.nadia@example.ma",
        [("Souk Semmarine 14", "Fès")],
    ),
    ("Omar Chraibi", "+33 6 12 34 56 78", None, [("20 rue de la Paix", "Paris")]),
]
