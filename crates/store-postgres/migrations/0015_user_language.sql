-- The language a user's pages are in (an interface language code); empty: the browser's.
ALTER TABLE users ADD COLUMN language text;
