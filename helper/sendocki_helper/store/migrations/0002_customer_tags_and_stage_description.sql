-- Customers carry tags (VIP, to recontact...); stages carry their internal description.
ALTER TABLE customers ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE stages ADD COLUMN description TEXT;
