-- A migration that exists only for testkit's own tests: proves the extension ran Flyway.
create table testkit_probe (id int primary key, label text not null);
