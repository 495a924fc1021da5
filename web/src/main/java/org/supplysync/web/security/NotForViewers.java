package org.supplysync.web.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read of the admin API that a {@code viewer} may not make (who may log in, say), although viewers read
 * everything else: {@link AdministratorsOnly} lets only administrators in the {@code admin} role through.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface NotForViewers {
}
