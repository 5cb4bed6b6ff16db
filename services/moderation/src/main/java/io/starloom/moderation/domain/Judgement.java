package io.starloom.moderation.domain;

import java.util.List;

import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Verdict;

/** The verdict on one or more texts and the findings behind it: the most severe action any finding asks for. */
public record Judgement(Verdict verdict, List<Finding> findings) {
}
