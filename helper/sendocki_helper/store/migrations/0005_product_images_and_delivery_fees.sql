-- A product's first photo: the thumbnail the order dialog shows (fetched and cached by the helper).
ALTER TABLE products ADD COLUMN image_url TEXT;

-- Delivery fee by city (docs/delivery.md). city_key is the city's id in the shipped table of
-- Moroccan cities (or the folded name of a city it does not know); fee in centimes.
-- The default fee and the free-above threshold are settings rows (delivery.default_fee,
-- delivery.free_above); `source` says where the table came from (file or account).
CREATE TABLE delivery_fees (
    city_key TEXT PRIMARY KEY,
    city TEXT NOT NULL,
    fee INTEGER NOT NULL CHECK (fee >= 0)
);
