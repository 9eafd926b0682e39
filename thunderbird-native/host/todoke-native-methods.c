/* todoke-native-methods.c: the methods of PROTOCOL.md
 *
 * Each method reads its "params", asks libtodoke (public API only) and
 * leaves a result: diagnoses for the dispatcher to write with the shared
 * writer, or a small JSON object of its own; failures also leave the
 * a{sv} the desktop app's Report method takes.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-native-channel.h"
#include "todoke-native-dispatch.h"
#include "todoke-native-methods.h"
#include "todoke-native-params.h"

#define DEFAULT_CLIENT "thunderbird"

static TodokeClassifier *
context_classifier (TodokeNativeContext *context,
                    const char          *client)
{
  TodokeClassifier *classifier;

  if (client == NULL)
    client = DEFAULT_CLIENT;
  classifier = g_hash_table_lookup (context->classifiers, client);
  if (classifier == NULL)
    {
      classifier = todoke_classifier_new (context->rules, client);
      g_hash_table_insert (context->classifiers, g_strdup (client), classifier);
    }
  return classifier;
}

static char *
builder_to_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (; values != NULL && *values != NULL; values++)
    json_builder_add_string_value (builder, *values);
  json_builder_end_array (builder);
}

static gboolean
method_hello (TodokeNativeContext *context,
              JsonObject          *params,
              TodokeNativeResult  *result,
              GError             **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "name", NATIVE_HOST_NAME);
  add_string (builder, "version", PACKAGE_VERSION);
  add_string (builder, "libtodoke", TODOKE_VERSION_S);
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_int_value (builder, TODOKE_NATIVE_PROTOCOL_VERSION);
  add_strv (builder, "methods", todoke_native_method_names ());
  json_builder_set_member_name (builder, "max_frame");
  json_builder_add_int_value (builder, TODOKE_NATIVE_MAX_FRAME);
  json_builder_set_member_name (builder, "max_answer");
  json_builder_add_int_value (builder, context->max_answer);
  json_builder_end_object (builder);

  result->json = builder_to_json (builder);
  return TRUE;
}

static GVariant *
report_new (const char         *key,
            GVariant           *what,
            const char * const *recipients,
            const char         *server,
            const char         *locale,
            const char         *client)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert_value (&dict, key, what);
  if (recipients != NULL)
    g_variant_dict_insert_value (&dict, "recipients", g_variant_new_strv (recipients, -1));
  if (server != NULL)
    g_variant_dict_insert (&dict, "server", "s", server);
  g_variant_dict_insert (&dict, "locale", "s", locale);
  g_variant_dict_insert (&dict, "source", "s", "thunderbird");
  g_variant_dict_insert (&dict, "client", "s", client != NULL ? client : DEFAULT_CLIENT);

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
method_classify_reply (TodokeNativeContext *context,
                       JsonObject          *params,
                       TodokeNativeResult  *result,
                       GError             **error)
{
  const char *text, *server, *locale, *client;
  g_auto(GStrv) recipients = NULL;
  TodokeClassifier *classifier;
  guint i;

  if (!todoke_native_param_string (params, "text", TRUE, TODOKE_NATIVE_MAX_TEXT, &text, error) ||
      !todoke_native_param_string (params, "server", FALSE, 1024, &server, error) ||
      !todoke_native_param_string (params, "locale", TRUE, 64, &locale, error) ||
      !todoke_native_param_string (params, "client", FALSE, 64, &client, error) ||
      !todoke_native_param_strv (params, "recipients", TODOKE_NATIVE_MAX_RECIPIENTS, &recipients, error))
    return FALSE;

  classifier = context_classifier (context, client);
  result->diagnoses = g_ptr_array_new_with_free_func (g_object_unref);
  /* One diagnosis per failed recipient; one for nobody in particular
   * when the caller names none. */
  for (i = 0; i == 0 || (recipients != NULL && recipients[i] != NULL); i++)
    {
      const char *recipient = recipients != NULL ? recipients[i] : NULL;

      g_ptr_array_add (result->diagnoses,
                       todoke_classifier_classify_reply_from_server (classifier, text, recipient,
                                                                     server, locale));
      if (recipient == NULL)
        break;
    }

  result->report = report_new ("text", g_variant_new_string (text),
                               (const char * const *) recipients, server, locale, client);
  return TRUE;
}

static gboolean
any_failure (GPtrArray *diagnoses)
{
  guint i;

  for (i = 0; i < diagnoses->len; i++)
    if (todoke_diagnosis_get_severity (g_ptr_array_index (diagnoses, i)) != TODOKE_SEVERITY_NONE)
      return TRUE;
  return FALSE;
}

static gboolean
method_classify_message (TodokeNativeContext *context,
                         JsonObject          *params,
                         TodokeNativeResult  *result,
                         GError             **error)
{
  const char *locale, *client;
  g_autoptr(GBytes) message = NULL;
  g_autoptr(GError) local_error = NULL;

  const char *upload;

  if (!todoke_native_param_string (params, "locale", TRUE, 64, &locale, error) ||
      !todoke_native_param_string (params, "client", FALSE, 64, &client, error) ||
      !todoke_native_param_string (params, "upload", FALSE, 64, &upload, error))
    return FALSE;
  if (upload != NULL && json_object_has_member (params, "raw"))
    {
      g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_PARAMS,
                           "params: either raw or upload, not both");
      return FALSE;
    }
  message = upload != NULL ? todoke_native_uploads_take (context->uploads, upload, error)
                           : todoke_native_param_message (params, &context->lifted, error);
  if (message == NULL)
    return FALSE;

  result->diagnoses = todoke_classifier_classify_bounce (context_classifier (context, client),
                                                         message, locale, &local_error);
  if (result->diagnoses == NULL &&
      g_error_matches (local_error, TODOKE_ERROR, TODOKE_ERROR_NOT_A_BOUNCE))
    result->diagnoses = g_ptr_array_new_with_free_func (g_object_unref);
  else if (result->diagnoses == NULL)
    {
      g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_INPUT,
                           local_error->message);
      return FALSE;
    }

  if (any_failure (result->diagnoses))
    result->report = report_new ("message",
                                 g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, message, TRUE),
                                 NULL, NULL, locale, client);
  return TRUE;
}

/* One part of a message too big to send whole (todoke-native-upload.c). */
static gboolean
method_message_part (TodokeNativeContext *context,
                     JsonObject          *params,
                     TodokeNativeResult  *result,
                     GError             **error)
{
  const char *upload, *data;
  g_autofree char *lifted = NULL;
  gsize length = 0;
  gsize received = 0;

  if (!todoke_native_param_string (params, "upload", TRUE, 64, &upload, error))
    return FALSE;
  /* A part of a megabyte is lifted out of its frame (todoke-native-lift.c). */
  lifted = todoke_native_lifted_take (&context->lifted, "data", &length);
  if (lifted == NULL)
    {
      if (!todoke_native_param_string (params, "data", TRUE, TODOKE_NATIVE_MAX_PART, &data, error))
        return FALSE;
      length = strlen (data);
    }
  else if (length > TODOKE_NATIVE_MAX_PART)
    {
      g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_PARAMS,
                           "params.data: too long");
      return FALSE;
    }
  if (!todoke_native_uploads_append (context->uploads, upload, lifted != NULL ? lifted : data,
                                     length, &received, error))
    return FALSE;
  result->json = g_strdup_printf ("{\"received\":%" G_GSIZE_FORMAT "}", received);
  return TRUE;
}

static void
add_guide (JsonBuilder *builder,
           TodokeGuide *guide)
{
  const char *page = todoke_guide_get_help_page (guide);
  g_autofree char *help = page != NULL ? g_strconcat ("help:" GETTEXT_PACKAGE "/", page, NULL) : NULL;

  json_builder_begin_object (builder);
  add_string (builder, "reason", todoke_guide_get_reason (guide));
  add_string (builder, "lang", todoke_guide_get_language (guide));
  add_string (builder, "title", todoke_guide_get_title (guide));
  add_string (builder, "explanation", todoke_guide_get_explanation (guide));
  add_strv (builder, "steps", todoke_guide_get_steps (guide));
  add_strv (builder, "notes", todoke_guide_get_notes (guide));
  add_string (builder, "owner", todoke_owner_to_string (todoke_guide_get_owner (guide)));
  json_builder_set_member_name (builder, "hard");
  json_builder_add_boolean_value (builder, todoke_guide_get_severity (guide) == TODOKE_SEVERITY_HARD);
  json_builder_set_member_name (builder, "retry");
  json_builder_add_boolean_value (builder, todoke_guide_get_retry (guide));
  add_string (builder, "retry_text", todoke_guide_get_retry_text (guide));
  add_string (builder, "help", help);
  json_builder_end_object (builder);
}

static gboolean
method_explain (TodokeNativeContext *context,
                JsonObject          *params,
                TodokeNativeResult  *result,
                GError             **error)
{
  const char *reason, *locale, *client;
  g_autoptr(TodokeGuide) guide = NULL;
  g_autoptr(JsonBuilder) builder = NULL;

  if (!todoke_native_param_string (params, "reason", TRUE, 64, &reason, error) ||
      !todoke_native_param_string (params, "locale", TRUE, 64, &locale, error) ||
      !todoke_native_param_string (params, "client", FALSE, 64, &client, error))
    return FALSE;
  if (!todoke_rule_set_has_reason (context->rules, reason))
    {
      g_set_error (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_PARAMS,
                   "params.reason: no reason “%s”", reason);
      return FALSE;
    }
  guide = todoke_rule_set_lookup_guide (context->rules, reason, locale,
                                        client != NULL ? client : DEFAULT_CLIENT, NULL);
  if (guide == NULL)
    {
      g_set_error (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_PARAMS,
                   "params.reason: no guide for “%s”", reason);
      return FALSE;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "guide");
  add_guide (builder, guide);
  json_builder_end_object (builder);
  result->json = builder_to_json (builder);
  return TRUE;
}

/* The extension says what it showed (a popup, a panel): the host logs
 * it, so a user's bug report and the end-to-end test can see it. */
static gboolean
method_notice (TodokeNativeContext *context,
               JsonObject          *params,
               TodokeNativeResult  *result,
               GError             **error)
{
  const char *event, *detail;

  if (!todoke_native_param_string (params, "event", TRUE, 64, &event, error) ||
      !todoke_native_param_string (params, "detail", FALSE, 4096, &detail, error))
    return FALSE;
  g_message ("Extension: %s%s%s", event, detail != NULL ? ": " : "", detail != NULL ? detail : "");
  result->json = g_strdup ("{}");
  return TRUE;
}

static const struct
{
  const char         *name;
  TodokeNativeMethod  method;
} methods[] = {
  { "hello", method_hello },
  { "classify-reply", method_classify_reply },
  { "classify-message", method_classify_message },
  { "message-part", method_message_part },
  { "explain", method_explain },
  { "checks", todoke_native_method_checks },
  { "diagnose", todoke_native_method_diagnose },
  { "notice", method_notice },
};

/**
 * todoke_native_method_lookup:
 * @name: a method name from a request
 *
 * Returns: (nullable): the method, or %NULL when there is none of that name
 */
TodokeNativeMethod
todoke_native_method_lookup (const char *name)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (methods); i++)
    if (g_str_equal (methods[i].name, name))
      return methods[i].method;
  return NULL;
}

/**
 * todoke_native_method_names:
 *
 * Returns: (transfer none): every method's name, %NULL-terminated
 */
const char * const *
todoke_native_method_names (void)
{
  static const char *names[G_N_ELEMENTS (methods) + 1];
  guint i;

  for (i = 0; i < G_N_ELEMENTS (methods); i++)
    names[i] = methods[i].name;
  return names;
}
