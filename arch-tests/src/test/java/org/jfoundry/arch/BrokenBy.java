package org.jfoundry.arch;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The fixture that breaks a rule: a package under {@code org.jfoundry.archviolations} whose classes violate it on
 * purpose. {@link RulesCanFailTest} evaluates every rule against its fixture, so a rule without one fails the build.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface BrokenBy {
    /** The fixture's package, relative to {@code org.jfoundry.archviolations}; it stands in for {@code org.jfoundry}. */
    String value();

    /** Simple names of classes the report must name. */
    String[] reports();

    /** Simple names of classes in the fixture the rule must leave alone (the exceptions it allows). */
    String[] spares() default {};
}
