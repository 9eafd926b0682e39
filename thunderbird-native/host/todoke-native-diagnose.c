/* todoke-native-diagnose.c: the methods "checks" and "diagnose"
 *
 * The extension's "Check" button offers exactly the checks libtodoke's
 * probe has for the diagnosed reason ("checks"), and runs them
 * ("diagnose"). The probe is asynchronous and does its network work off
 * the main thread; the host answers in order, so "diagnose" waits for it
 * on a context of its own, each check bounded by the probe's timeout.
 *
 *   → {"id": 8, "method": "diagnose", "params": {"reason": "userunknown",
 *      "recipient": "taro@gmial.com", "locale": "ja"}}
 *   ← {"id": 8, "result": {"findings": [{"type": "finding", "check": "address", …}]}}
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-native-channel.h"
#include "todoke-native-methods.h"
#include "todoke-native-params.h"

static void
add_checks (GString            *out,
            const char * const *checks)
{
  guint i;

  g_string_append (out, "{\"checks\":[");
  for (i = 0; checks != NULL && checks[i] != NULL; i++)
    g_string_append_printf (out, "%s\"%s\"", i > 0 ? "," : "", checks[i]);
  g_string_append (out, "]}");
}

gboolean
todoke_native_method_checks (TodokeNativeContext *context,
                             JsonObject          *params,
                             TodokeNativeResult  *result,
                             GError             **error)
{
  const char *reason;
  GString *out = g_string_new (NULL);

  if (!todoke_native_param_string (params, "reason", TRUE, 64, &reason, error))
    {
      g_string_free (out, TRUE);
      return FALSE;
    }
  add_checks (out, todoke_probe_get_checks_for_reason (reason));
  result->json = g_string_free (out, FALSE);
  return TRUE;
}

static gboolean
known_checks (const char * const *checks,
              GError            **error)
{
  const char * const *known = todoke_probe_get_check_ids ();
  guint i;

  for (i = 0; checks != NULL && checks[i] != NULL; i++)
    if (!g_strv_contains (known, checks[i]))
      {
        g_set_error (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_PARAMS,
                     "params.checks: no check “%s”", checks[i]);
        return FALSE;
      }
  return TRUE;
}

static gboolean
set_server (TodokeProbeRequest  *request,
            const char          *server,
            GError             **error)
{
  g_autoptr(GSocketConnectable) address = NULL;

  if (server == NULL)
    return TRUE;
  address = g_network_address_parse (server, 0, NULL);
  if (address == NULL)
    {
      g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_PARAMS,
                           "params.server: not host or host:port");
      return FALSE;
    }
  todoke_probe_request_set_server (request, g_network_address_get_hostname (G_NETWORK_ADDRESS (address)),
                                   g_network_address_get_port (G_NETWORK_ADDRESS (address)));
  return TRUE;
}

/* The request from "params": the addresses, the server, and the checks
 * (those named, else those of "reason", else every check that applies). */
static TodokeProbeRequest *
request_from_params (JsonObject  *params,
                     GError     **error)
{
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  const char *recipient, *sender, *server, *reason;
  g_auto(GStrv) checks = NULL;

  if (!todoke_native_param_string (params, "recipient", FALSE, 998, &recipient, error) ||
      !todoke_native_param_string (params, "sender", FALSE, 998, &sender, error) ||
      !todoke_native_param_string (params, "server", FALSE, 1024, &server, error) ||
      !todoke_native_param_string (params, "reason", FALSE, 64, &reason, error) ||
      !todoke_native_param_strv (params, "checks", 16, &checks, error) ||
      !known_checks ((const char * const *) checks, error) ||
      !set_server (request, server, error))
    return NULL;
  if (recipient == NULL && sender == NULL && server == NULL)
    {
      g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_PARAMS,
                           "params: give recipient, sender or server");
      return NULL;
    }
  todoke_probe_request_set_recipient (request, recipient);
  todoke_probe_request_set_sender (request, sender);
  if (checks != NULL)
    todoke_probe_request_set_checks (request, (const char * const *) checks);
  else if (reason != NULL)
    todoke_probe_request_set_checks (request, todoke_probe_get_checks_for_reason (reason));
  return g_steal_pointer (&request);
}

static void
probe_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs the probe to its end on a main context of its own (libtodoke has
 * no synchronous form; the CLI spins the default context the same way). */
static GPtrArray *
run_probe (TodokeProbe         *probe,
           TodokeProbeRequest  *request,
           const char          *locale,
           GError             **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  GPtrArray *findings;

  g_main_context_push_thread_default (context);
  todoke_probe_run_async (probe, request, locale, NULL, probe_done, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  findings = todoke_probe_run_finish (probe, result, error);
  g_main_context_pop_thread_default (context);
  return findings;
}

static char *
findings_json (GPtrArray *findings,
               gsize      max)
{
  GString *out = g_string_new ("{\"findings\":[");
  guint omitted = 0;
  guint i;

  for (i = 0; i < findings->len; i++)
    {
      g_autofree char *json = todoke_finding_to_json (g_ptr_array_index (findings, i), TODOKE_JSON_GUIDE);

      if (omitted > 0 || out->len + strlen (json) + 64 > max)
        {
          omitted++;
          continue;
        }
      g_string_append_printf (out, "%s%s", i > 0 ? "," : "", json);
    }
  g_string_append_c (out, ']');
  if (omitted > 0)
    g_string_append_printf (out, ",\"omitted\":%u", omitted);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

gboolean
todoke_native_method_diagnose (TodokeNativeContext *context,
                               JsonObject          *params,
                               TodokeNativeResult  *result,
                               GError             **error)
{
  g_autoptr(TodokeProbeRequest) request = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *locale;

  if (!todoke_native_param_string (params, "locale", TRUE, 64, &locale, error))
    return FALSE;
  request = request_from_params (params, error);
  if (request == NULL)
    return FALSE;
  if (context->probe == NULL)
    context->probe = todoke_probe_new (context->rules);
  findings = run_probe (context->probe, request, locale, &local_error);
  if (findings == NULL)
    {
      g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_INPUT,
                           local_error->message);
      return FALSE;
    }
  result->json = findings_json (findings, context->max_answer - 64);
  return TRUE;
}
