package dev.skillpath.quiz.domain;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads and writes the JSON columns (question bodies, saved answers, option orders); written only by us. */
public final class JsonColumns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonColumns() {
    }

    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON column", e);
        }
    }

    public static QuestionBody body(String json) {
        return read(json, QuestionBody.class);
    }

    public static Answer answer(String json) {
        return json == null ? null : read(json, Answer.class);
    }

    public static List<String> ids(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON column", e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON column as " + type.getSimpleName(), e);
        }
    }
}
