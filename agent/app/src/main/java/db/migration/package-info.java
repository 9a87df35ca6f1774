/**
 * Flyway's Java migrations, found next to the SQL ones under {@code db/migration}: schema changes
 * that SQL files cannot express portably, such as running the DDL script bundled with a library for
 * the database at hand. May use Flyway, Spring JDBC and the libraries whose scripts it runs; never
 * the application's own classes, which change while a migration must not.
 */
package db.migration;
