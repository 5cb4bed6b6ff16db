package io.starloom.scheduler.api.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * The story named by the {@code id} path parameter is looked up before the method runs, so that a missing
 * one is a 404 problem even where the response starts before the method's result is known (SSE).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface ExistingStory {
}
