-- A store written at schema version 4 (commit ad936e4): v3.sql migrated by `parallax ingest` of a
-- third outlet's article we wrote (the city to raise the sea wall), so that its one story was saved
-- with its inputs fingerprint. Regenerate with: sqlite3 v4.db .dump, plus the two pragmas below.
PRAGMA application_id = 1347180593;
PRAGMA user_version = 4;
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
INSERT INTO articles VALUES(3,'e49f77f1c4c2ce32',544186392741375566,'Harbor Gazette','http://127.0.0.1:8765/pumps.html','Pumps clear the harbor district',NULL,'2026-03-03T09:00:00+00:00','en',replace('Fire crews pumped the last water out of the old harbor district on Monday, a day after a storm surge flooded it, the city''s emergency office said.\n\nResidents who spent the night in the sports hall on Quay Street began returning home in the afternoon, and the sea wall will be inspected this week.\n\n"We will raise the wall before the autumn storms," said Mara Lind, head of the emergency office.','\n',char(10)),'{}',NULL,'sd62f3287c36e');
INSERT INTO articles VALUES(4,'wall',4664169550970948750,'wall',NULL,'City to raise harbor sea wall before autumn',NULL,NULL,'en',replace('Lanford Courier\n\nThe city will raise the sea wall of the old harbor district by half a metre before the autumn storms, the emergency office said on Tuesday, two days after a storm surge flooded the district.\n\nEngineers who inspected the wall on Tuesday found it intact but too low for a surge of the size seen on Sunday night, office head Mara Lind said.\n\n"We were lucky this time," Lind said. "The next surge will not wait for us."','\n',char(10)),'{}',NULL,'sd62f3287c36e');
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
    , inputs INTEGER);
INSERT INTO stories VALUES('sd62f3287c36e','Harbor floods after storm surge',4,3,'["Harbor Gazette","Lanford Courier","wall"]','2026-03-02T08:00:00+00:00','2026-03-03T09:00:00+00:00',1772528400,'{"id":"sd62f3287c36e","title":"Harbor floods after storm surge","articles":["v1-a","v1-b","e49f77f1c4c2ce32","wall"],"sources":["Harbor Gazette","Lanford Courier","wall"],"facts":[{"text":"The old harbor district flooded on Sunday night after a storm surge pushed water over the sea wall, the city''s emergency office said.","articles":["v1-a","v1-b","e49f77f1c4c2ce32","wall"],"sources":["Harbor Gazette","Lanford Courier","wall"],"evidence":[{"article":"v1-a","sentence":"The old harbor district flooded on Sunday night after a storm surge pushed water over the sea wall, the city''s emergency office said."},{"article":"v1-b","sentence":"A storm surge flooded the old harbor district on Sunday night when water topped the sea wall, according to the city''s emergency office."},{"article":"e49f77f1c4c2ce32","sentence":"Fire crews pumped the last water out of the old harbor district on Monday, a day after a storm surge flooded it, the city''s emergency office said."},{"article":"wall","sentence":"The city will raise the sea wall of the old harbor district by half a metre before the autumn storms, the emergency office said on Tuesday, two days after a storm surge flooded the district."}]},{"text":"About 300 residents were moved to the sports hall on Quay Street, and no injuries were reported.","articles":["v1-a","v1-b"],"sources":["Harbor Gazette","Lanford Courier"],"evidence":[{"article":"v1-a","sentence":"About 300 residents were moved to the sports hall on Quay Street, and no injuries were reported."},{"article":"v1-b","sentence":"Roughly 300 people spent the night in the sports hall on Quay Street."}]},{"text":"\"The wall held for six hours, then the water simply went over it,\" said Mara Lind, head of the emergency office.","articles":["v1-a","v1-b"],"sources":["Harbor Gazette","Lanford Courier"],"evidence":[{"article":"v1-a","sentence":"\"The wall held for six hours, then the water simply went over it,\" said Mara Lind, head of the emergency office."},{"article":"v1-b","sentence":"Emergency office head Mara Lind said the sea wall held for six hours before the water went over it."}]},{"text":"Residents who spent the night in the sports hall on Quay Street began returning home in the afternoon, and the sea wall will be inspected this week.","articles":["e49f77f1c4c2ce32"],"sources":["Harbor Gazette"],"evidence":[{"article":"e49f77f1c4c2ce32","sentence":"Residents who spent the night in the sports hall on Quay Street began returning home in the afternoon, and the sea wall will be inspected this week."}]},{"text":"\"We will raise the wall before the autumn storms,\" said Mara Lind, head of the emergency office.","articles":["e49f77f1c4c2ce32"],"sources":["Harbor Gazette"],"evidence":[{"article":"e49f77f1c4c2ce32","sentence":"\"We will raise the wall before the autumn storms,\" said Mara Lind, head of the emergency office."}]},{"text":"Engineers who inspected the wall on Tuesday found it intact but too low for a surge of the size seen on Sunday night, office head Mara Lind said.","articles":["wall"],"sources":["wall"],"evidence":[{"article":"wall","sentence":"Engineers who inspected the wall on Tuesday found it intact but too low for a surge of the size seen on Sunday night, office head Mara Lind said."}]},{"text":"\"We were lucky this time,\" Lind said.","articles":["wall"],"sources":["wall"],"evidence":[{"article":"wall","sentence":"\"We were lucky this time,\" Lind said."}]},{"text":"\"The next surge will not wait for us.\"","articles":["wall"],"sources":["wall"],"evidence":[{"article":"wall","sentence":"\"The next surge will not wait for us.\""}]}],"quotes":[{"text":"The wall held for six hours, then the water simply went over it,","speaker":"Mara Lind","articles":["v1-a"],"sources":["Harbor Gazette"]},{"text":"We will raise the wall before the autumn storms,","speaker":"Mara Lind","articles":["e49f77f1c4c2ce32"],"sources":["Harbor Gazette"]},{"text":"We were lucky this time,","speaker":"Mara Lind","articles":["wall"],"sources":["wall"]},{"text":"The next surge will not wait for us.","speaker":"Mara Lind","articles":["wall"],"sources":["wall"]}],"numbers":[{"value":20260301.0,"unit":"date","text":"Sunday","articles":["v1-a","v1-b"],"sources":["Harbor Gazette","Lanford Courier"],"date":"2026-03-01"},{"value":6.0,"unit":"hours","text":"six hours","articles":["v1-a","v1-b"],"sources":["Harbor Gazette","Lanford Courier"]},{"value":300.0,"unit":"residents","text":"About 300 residents","articles":["v1-a"],"sources":["Harbor Gazette"]},{"value":300.0,"unit":"people","text":"Roughly 300 people","articles":["v1-b"],"sources":["Lanford Courier"]},{"value":20260302.0,"unit":"date","text":"Monday","articles":["e49f77f1c4c2ce32"],"sources":["Harbor Gazette"],"date":"2026-03-02"},{"value":2.0,"unit":"days","text":"two days","articles":["wall"],"sources":["wall"]}],"entities":[{"name":"Mara Lind","kind":"person","articles":["v1-a","v1-b","e49f77f1c4c2ce32","wall"]},{"name":"Lanford Courier","kind":"person","articles":["wall"]}],"conflicts":[],"summary":[{"text":"The old harbor district flooded on Sunday night after a storm surge pushed water over the sea wall.","articles":["v1-a","v1-b","e49f77f1c4c2ce32","wall"]},{"text":"Roughly 300 people spent the night in the sports hall on Quay Street.","articles":["v1-a","v1-b"]},{"text":"\"We will raise the wall before the autumn storms,\" said Mara Lind, head of the emergency office.","articles":["e49f77f1c4c2ce32"]},{"text":"\"We were lucky this time,\" Lind said.","articles":["wall"]},{"text":"\"The next surge will not wait for us.\"","articles":["wall"]}],"first_published":"2026-03-02T08:00:00+00:00","last_published":"2026-03-03T09:00:00+00:00"}',8594448843839616901);
CREATE TABLE feeds (
        url           TEXT PRIMARY KEY,
        etag          TEXT,   -- validators of the last successful poll, for conditional GET
        last_modified TEXT,
        last_polled   TEXT,   -- RFC 3339
        last_error    TEXT    -- why the last poll failed, if it did
    );
INSERT INTO feeds VALUES('http://127.0.0.1:8765/feed.xml',NULL,'Mon, 23 Nov 2026 20:17:54 GMT','2026-11-23T20:17:55Z','1 of 1 new entries could not be fetched');
CREATE TABLE feed_entries (
        feed_url   TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
        entry_id   TEXT NOT NULL,   -- the feed's guid or id, stable across polls
        url        TEXT,            -- the entry's link
        status     TEXT NOT NULL CHECK (status IN ('stored', 'retry', 'failed')),
        attempts   INTEGER NOT NULL,
        last_error TEXT,
        last_tried TEXT NOT NULL,   -- RFC 3339
        PRIMARY KEY (feed_url, entry_id)
    );
INSERT INTO feed_entries VALUES('http://127.0.0.1:8765/feed.xml','hg-2026-03-03-pumps','http://127.0.0.1:8765/pumps.html','stored',0,NULL,'2026-11-23T20:17:55Z');
INSERT INTO feed_entries VALUES('http://127.0.0.1:8765/feed.xml','hg-2026-03-04-missing','http://127.0.0.1:8765/seawall.html','failed',1,'http://127.0.0.1:8765/seawall.html: HTTP status 404','2026-11-23T20:17:55Z');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('articles',4);
CREATE INDEX articles_story ON articles(story);
CREATE INDEX stories_newest ON stories(last_epoch DESC, article_count DESC);
CREATE INDEX articles_url ON articles(url);
COMMIT;
