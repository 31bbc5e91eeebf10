-- A store written by `parallax ingest` at schema version 1 (commit 677b329), from two articles
-- we wrote; regenerate with: sqlite3 v1.db .dump, plus the two pragmas below.
PRAGMA application_id = 1347180593;
PRAGMA user_version = 1;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE articles (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        id           TEXT NOT NULL UNIQUE,
        hash         INTEGER NOT NULL,
        source       TEXT NOT NULL,
        url          TEXT,
        title        TEXT,
        author       TEXT,
        published    TEXT,            -- RFC 3339, offset as given
        language     TEXT,
        body         TEXT NOT NULL,
        extra        TEXT NOT NULL,   -- JSON object
        duplicate_of TEXT REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
        story        TEXT REFERENCES stories(id) DEFERRABLE INITIALLY DEFERRED
    );
INSERT INTO articles VALUES(1,'v1-a',-446177982175053567,'Harbor Gazette','https://harborgazette.example/flood','Harbor floods after storm surge',NULL,'2026-03-02T08:00:00+00:00','en',replace('The old harbor district flooded on Sunday night after a storm surge pushed water over the sea wall, the city''s emergency office said.\n\nAbout 300 residents were moved to the sports hall on Quay Street, and no injuries were reported.\n\n"The wall held for six hours, then the water simply went over it," said Mara Lind, head of the emergency office.','\n',char(10)),'{}',NULL,'sd62f3287c36e');
INSERT INTO articles VALUES(2,'v1-b',-689456147472023760,'Lanford Courier','https://lanfordcourier.example/news/harbor-flood','Storm surge floods old harbor district',NULL,'2026-03-02T10:30:00+00:00','en',replace('A storm surge flooded the old harbor district on Sunday night when water topped the sea wall, according to the city''s emergency office.\n\nRoughly 300 people spent the night in the sports hall on Quay Street. Nobody was hurt.\n\nEmergency office head Mara Lind said the sea wall held for six hours before the water went over it.','\n',char(10)),'{}',NULL,'sd62f3287c36e');
CREATE TABLE stories (
        id              TEXT PRIMARY KEY,
        title           TEXT NOT NULL,
        article_count   INTEGER NOT NULL,
        source_count    INTEGER NOT NULL,
        sources         TEXT NOT NULL,  -- JSON array
        first_published TEXT,
        last_published  TEXT,
        last_epoch      INTEGER,        -- last_published as Unix seconds, for ordering
        data            TEXT NOT NULL
    );
INSERT INTO stories VALUES('sd62f3287c36e','Harbor floods after storm surge',2,2,'["Harbor Gazette","Lanford Courier"]','2026-03-02T08:00:00+00:00','2026-03-02T10:30:00+00:00',1772447400,'{"id":"sd62f3287c36e","title":"Harbor floods after storm surge","articles":["v1-a","v1-b"],"sources":["Harbor Gazette","Lanford Courier"],"facts":[{"text":"The old harbor district flooded on Sunday night after a storm surge pushed water over the sea wall, the city''s emergency office said.","articles":["v1-a","v1-b"],"sources":["Harbor Gazette","Lanford Courier"],"evidence":[{"article":"v1-a","sentence":"The old harbor district flooded on Sunday night after a storm surge pushed water over the sea wall, the city''s emergency office said."},{"article":"v1-b","sentence":"A storm surge flooded the old harbor district on Sunday night when water topped the sea wall, according to the city''s emergency office."}]},{"text":"About 300 residents were moved to the sports hall on Quay Street, and no injuries were reported.","articles":["v1-a","v1-b"],"sources":["Harbor Gazette","Lanford Courier"],"evidence":[{"article":"v1-a","sentence":"About 300 residents were moved to the sports hall on Quay Street, and no injuries were reported."},{"article":"v1-b","sentence":"Roughly 300 people spent the night in the sports hall on Quay Street."}]},{"text":"\"The wall held for six hours, then the water simply went over it,\" said Mara Lind, head of the emergency office.","articles":["v1-a","v1-b"],"sources":["Harbor Gazette","Lanford Courier"],"evidence":[{"article":"v1-a","sentence":"\"The wall held for six hours, then the water simply went over it,\" said Mara Lind, head of the emergency office."},{"article":"v1-b","sentence":"Emergency office head Mara Lind said the sea wall held for six hours before the water went over it."}]}],"quotes":[{"text":"The wall held for six hours, then the water simply went over it,","speaker":"Mara Lind","articles":["v1-a"],"sources":["Harbor Gazette"]}],"numbers":[{"value":6.0,"unit":"hours","text":"six hours","articles":["v1-a","v1-b"],"sources":["Harbor Gazette","Lanford Courier"]},{"value":300.0,"unit":"residents","text":"About 300 residents","articles":["v1-a"],"sources":["Harbor Gazette"]},{"value":300.0,"unit":"people","text":"Roughly 300 people","articles":["v1-b"],"sources":["Lanford Courier"]}],"entities":[{"name":"Mara Lind","kind":"person","articles":["v1-a","v1-b"]}],"conflicts":[],"summary":[{"text":"The old harbor district flooded on Sunday night after a storm surge pushed water over the sea wall, the city''s emergency office said.","articles":["v1-a","v1-b"]},{"text":"About 300 residents were moved to the sports hall on Quay Street, and no injuries were reported.","articles":["v1-a","v1-b"]},{"text":"\"The wall held for six hours, then the water simply went over it,\" said Mara Lind, head of the emergency office.","articles":["v1-a","v1-b"]}],"first_published":"2026-03-02T08:00:00+00:00","last_published":"2026-03-02T10:30:00+00:00"}');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('articles',2);
CREATE INDEX articles_story ON articles(story);
CREATE INDEX stories_newest ON stories(last_epoch DESC, article_count DESC);
COMMIT;
