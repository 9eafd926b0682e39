/* todoke-native-dispatch.c: one request in, one answer out
 *
 *   → {"id": 1, "method": "classify-reply",
 *      "params": {"text": "550 5.1.1 User unknown", "locale": "ja"}}
 *   ← {"id": 1, "result": {"diagnoses": [{"reason": "userunknown", …}]}}
 *   ← {"id": 1, "error": {"code": "invalid-params", "message": "params.locale: missing"}}
 *
 * Every frame gets exactly one answer, and no answer is longer than
 * Thunderbird's limit: server text is shortened until the diagnoses fit,
 * and diagnoses that still do not fit are counted in "omitted".
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-native-channel.h"
#include "todoke-native-dispatch.h"
#include "todoke-native-methods.h"

struct _TodokeNativeDispatch
{
  TodokeNativeContext context;
};

/* Server text per diagnosis, tried in turn until the answer fits. */
static const gsize max_texts[] = { 64 * 1024, 8 * 1024, 1024, 160 };

/**
 * todoke_native_dispatch_new:
 * @rules: the rules and guides to classify with
 *
 * Returns: (transfer full): a dispatcher
 */
TodokeNativeDispatch *
todoke_native_dispatch_new (TodokeRuleSet *rules)
{
  TodokeNativeDispatch *self = g_new0 (TodokeNativeDispatch, 1);

  self->context.rules = todoke_rule_set_ref (rules);
  self->context.classifiers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->context.uploads = todoke_native_uploads_new ();
  self->context.max_answer = TODOKE_NATIVE_MAX_ANSWER;
  self->context.lift_min = TODOKE_NATIVE_LIFT_MIN;
  return self;
}

void
todoke_native_dispatch_free (TodokeNativeDispatch *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->context.classifiers);
  todoke_native_uploads_free (self->context.uploads);
  g_clear_object (&self->context.probe);
  todoke_rule_set_unref (self->context.rules);
  g_free (self);
}

/**
 * todoke_native_dispatch_set_max_answer:
 * @self: a dispatcher
 * @max_answer: longest answer in bytes (tests lower it)
 */
void
todoke_native_dispatch_set_max_answer (TodokeNativeDispatch *self,
                                       gsize                 max_answer)
{
  self->context.max_answer = max_answer;
}

/**
 * todoke_native_dispatch_set_lift_min:
 * @self: a dispatcher
 * @lift_min: shortest "raw" or "data" string lifted out of a frame
 *   before json-glib parses it (todoke-native-lift.c; tests lower it)
 */
void
todoke_native_dispatch_set_lift_min (TodokeNativeDispatch *self,
                                     gsize                 lift_min)
{
  self->context.lift_min = lift_min;
}

static char *
id_to_json (JsonNode *id)
{
  return id != NULL ? json_to_string (id, FALSE) : g_strdup ("null");
}

/**
 * todoke_native_dispatch_error_answer:
 * @id: (nullable): the request's id, %NULL when it could not be read
 * @error: what went wrong
 *
 * Returns: (transfer full): the error answer
 */
/**
 * todoke_native_dispatch_get_probe:
 * @self: a dispatcher
 *
 * Tests point the probe at local peers (DNS server, ports) through this.
 *
 * Returns: (transfer none): the probe "diagnose" runs
 */
TodokeProbe *
todoke_native_dispatch_get_probe (TodokeNativeDispatch *self)
{
  if (self->context.probe == NULL)
    self->context.probe = todoke_probe_new (self->context.rules);
  return self->context.probe;
}

char *
todoke_native_dispatch_error_answer (JsonNode     *id,
                                     const GError *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id_json = id_to_json (id);
  g_autofree char *error_json = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  /* json-glib's parse errors quote the input and may cut a character. */
  message = g_utf8_make_valid (error->message, -1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, todoke_native_error_code (error));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  error_json = json_to_string (root, FALSE);

  return g_strdup_printf ("{\"id\":%s,\"error\":%s}", id_json, error_json);
}

/* {"id":…,"result":{"diagnoses":[…]}} with each server text cut to
 * @max_text; stops adding diagnoses when the answer would pass @max. */
static GString *
diagnoses_answer (const char *id_json,
                  GPtrArray  *diagnoses,
                  gsize       max_text,
                  gsize       max,
                  guint      *omitted)
{
  GString *out = g_string_new (NULL);
  guint i;

  g_string_append_printf (out, "{\"id\":%s,\"result\":{\"diagnoses\":[", id_json);
  *omitted = 0;
  for (i = 0; i < diagnoses->len; i++)
    {
      g_autofree char *json = todoke_diagnosis_to_json (g_ptr_array_index (diagnoses, i), NULL,
                                                        TODOKE_JSON_GUIDE, max_text);

      /* Room kept for the closing brackets and ',"omitted":4294967295'. */
      if (*omitted > 0 || out->len + strlen (json) + 1 + 32 > max)
        {
          (*omitted)++;
          continue;
        }
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, json);
    }
  g_string_append_c (out, ']');
  if (*omitted > 0)
    g_string_append_printf (out, ",\"omitted\":%u", *omitted);
  g_string_append (out, "}}");
  return out;
}

static char *
fit_diagnoses (TodokeNativeDispatch *self,
               JsonNode             *id,
               GPtrArray            *diagnoses)
{
  g_autofree char *id_json = id_to_json (id);
  GString *out = NULL;
  guint omitted = 0;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (max_texts); i++)
    {
      if (out != NULL)
        g_string_free (out, TRUE);
      out = diagnoses_answer (id_json, diagnoses, max_texts[i], self->context.max_answer, &omitted);
      if (omitted == 0)
        break;
    }
  return g_string_free (out, FALSE);
}

/* A frame of valid UTF-8 can still spell an invalid string: a "\\ud800"
 * escape without its pair becomes bytes that are not UTF-8. Checks every
 * member name and string in the tree, without recursion. */
static gboolean
tree_is_utf8 (JsonNode *root)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();

  g_ptr_array_add (todo, root);
  while (todo->len > 0)
    {
      JsonNode *node = g_ptr_array_steal_index_fast (todo, todo->len - 1);

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *member;

          json_object_iter_init (&iter, json_node_get_object (node));
          while (json_object_iter_next (&iter, &name, &member))
            {
              if (!g_utf8_validate (name, -1, NULL))
                return FALSE;
              g_ptr_array_add (todo, member);
            }
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint i;

          for (i = 0; i < json_array_get_length (array); i++)
            g_ptr_array_add (todo, json_array_get_element (array, i));
        }
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
               !g_utf8_validate (json_node_get_string (node), -1, NULL))
        return FALSE;
    }
  return TRUE;
}

/* Parses @frame (which it releases as soon as it can): a big "raw" or
 * "data" string is first lifted out of it into @lifted, unescaped. */
static JsonObject *
parse_request (GBytes             *frame,
               JsonParser         *parser,
               gsize               lift_min,
               TodokeNativeLifted *lifted,
               JsonNode          **id,
               GError            **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (frame, &size);
  g_autoptr(GBytes) json = NULL;
  gsize escaped_length = 0;
  JsonNode *root;
  JsonObject *request;
  g_autoptr(GError) local_error = NULL;

  *id = NULL;
  if (!g_utf8_validate_len (data, size, NULL))
    {
      g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_UTF8,
                           "The frame is not valid UTF-8");
      g_bytes_unref (frame);
      return NULL;
    }
  json = todoke_native_lift (frame, lift_min, lifted, &escaped_length);
  data = g_bytes_get_data (json, &size);
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_JSON,
                   "The frame is not JSON: %s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_JSON,
                           "The frame is empty");
      return NULL;
    }
  if (!tree_is_utf8 (root))
    {
      g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_UTF8,
                           "A string of the frame is not valid UTF-8 (an unpaired \\u escape)");
      return NULL;
    }
  if (lifted->data != NULL && !todoke_native_lifted_unescape (lifted, escaped_length, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_REQUEST,
                           "A request is a JSON object");
      return NULL;
    }
  request = json_node_get_object (root);
  *id = json_object_get_member (request, "id");
  if (*id == NULL || !JSON_NODE_HOLDS_VALUE (*id) ||
      (json_node_get_value_type (*id) != G_TYPE_INT64 && json_node_get_value_type (*id) != G_TYPE_STRING))
    {
      *id = NULL;
      g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_REQUEST,
                           "A request has an “id”: an integer or a string");
      return NULL;
    }
  return request;
}

static TodokeNativeMethod
request_method (JsonObject  *request,
                JsonObject **params,
                GError     **error)
{
  JsonNode *method = json_object_get_member (request, "method");
  JsonNode *params_node = json_object_get_member (request, "params");
  TodokeNativeMethod found;

  if (method == NULL || !JSON_NODE_HOLDS_VALUE (method) ||
      json_node_get_value_type (method) != G_TYPE_STRING)
    {
      g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_REQUEST,
                           "A request has a “method”: a string");
      return NULL;
    }
  found = todoke_native_method_lookup (json_node_get_string (method));
  if (found == NULL)
    {
      const char *name = json_node_get_string (method);

      if (strlen (name) > 64)
        name = "…";
      g_set_error (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_UNKNOWN_METHOD,
                   "No method “%s”", name);
      return NULL;
    }
  if (params_node != NULL && !JSON_NODE_HOLDS_OBJECT (params_node) && !JSON_NODE_HOLDS_NULL (params_node))
    {
      g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_REQUEST,
                           "A request's “params” is an object");
      return NULL;
    }
  *params = params_node != NULL && JSON_NODE_HOLDS_OBJECT (params_node)
            ? json_object_ref (json_node_get_object (params_node))
            : json_object_new ();
  return found;
}

/**
 * todoke_native_dispatch_handle:
 * @self: a dispatcher
 * @frame: (transfer full): one frame from Thunderbird; released as soon
 *   as it is parsed, so a big message is not held twice
 * @report: (out) (transfer full) (nullable): the failure to hand to the
 *   desktop app, or %NULL
 *
 * Answers one request; never fails: bad input gets an error answer.
 *
 * Returns: (transfer full): the answer, at most the answer limit long
 */
char *
todoke_native_dispatch_handle (TodokeNativeDispatch  *self,
                               GBytes                *frame,
                               GVariant             **report)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(GError) error = NULL;
  TodokeNativeResult result = { NULL, NULL, NULL };
  TodokeNativeMethod method = NULL;
  JsonObject *request;
  JsonNode *id = NULL;
  char *answer;

  *report = NULL;
  request = parse_request (frame, parser, self->context.lift_min, &self->context.lifted, &id, &error);
  if (request != NULL)
    method = request_method (request, &params, &error);
  if (method == NULL || !method (&self->context, params, &result, &error))
    {
      todoke_native_lifted_clear (&self->context.lifted);
      return todoke_native_dispatch_error_answer (id, error);
    }
  todoke_native_lifted_clear (&self->context.lifted);

  if (result.diagnoses != NULL)
    answer = fit_diagnoses (self, id, result.diagnoses);
  else
    {
      g_autofree char *id_json = id_to_json (id);

      answer = g_strdup_printf ("{\"id\":%s,\"result\":%s}", id_json, result.json);
    }
  *report = result.report;
  g_clear_pointer (&result.diagnoses, g_ptr_array_unref);
  g_free (result.json);
  return answer;
}
