package io.naap.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link PostgresDatabase} parameter resolved by {@link PostgresExtension}: a new migrated
 * database for this parameter alone, instead of the class's shared one (to compare two ways of
 * filling a database, for example).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface FreshDatabase {}
