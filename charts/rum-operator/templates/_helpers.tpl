{{/* The release's base name: the release name, or release-chart when the release name does not contain the chart's. */}}
{{- define "rum-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "rum-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "rum-operator.labels" -}}
{{ include "rum-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: rum-operator
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "rum-operator.serviceAccountName" -}}
{{ include "rum-operator.fullname" . }}
{{- end -}}

{{/* Leader election's Lease (the run command's fixed name), in the release namespace. */}}
{{- define "rum-operator.leaseName" -}}
rum-operator
{{- end -}}

{{- define "rum-operator.webhookConfigurationName" -}}
{{ include "rum-operator.fullname" . }}
{{- end -}}

{{- define "rum-operator.webhookSecretName" -}}
{{ include "rum-operator.fullname" . | trunc 51 | trimSuffix "-" }}-webhook-tls
{{- end -}}

{{- define "rum-operator.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "rum-operator.collectorImage" -}}
{{ .Values.collectorImage.repository }}:{{ .Values.collectorImage.tag | default .Chart.AppVersion }}
{{- end -}}

{{/* Where a cert-manager Secret is mounted (read-only; the operator reloads it when cert-manager renews). */}}
{{- define "rum-operator.webhookCertDir" -}}
/etc/rum-operator/webhook-tls
{{- end -}}

{{/* Rules for the namespaced resources the operator reconciles: a ClusterRole cluster-wide, a Role per watched namespace. */}}
{{- define "rum-operator.namespacedRules" -}}
# Watch the custom resources (informers) and read them in reconciles and in the webhook (RumSLO → its RumPipeline).
- apiGroups: ["rumops.dev"]
  resources: ["rumpipelines", "rumslos", "samplingpolicies"]
  verbs: ["get", "list", "watch"]
# Report Ready/Progressing/Degraded, observedGeneration and the rollback audit trail.
- apiGroups: ["rumops.dev"]
  resources: ["rumpipelines/status", "rumslos/status", "samplingpolicies/status"]
  verbs: ["patch"]
# Owner references with blockOwnerDeletion need this where the OwnerReferencesPermissionEnforcement admission plugin runs.
- apiGroups: ["rumops.dev"]
  resources: ["rumpipelines/finalizers", "rumslos/finalizers"]
  verbs: ["update"]
# The collector fleet of each RumPipeline: server-side apply (patch, and create when absent), watch for drift, prune.
- apiGroups: [""]
  resources: ["configmaps", "services", "serviceaccounts"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# ServiceMonitors for the collectors, PrometheusRules for the RumSLOs.
- apiGroups: ["monitoring.coreos.com"]
  resources: ["servicemonitors", "prometheusrules"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# Dashboards for grafana-operator and canary analysis templates for Argo Rollouts and Flagger, when those CRDs are served.
- apiGroups: ["grafana.integreatly.org"]
  resources: ["grafanadashboards"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: ["argoproj.io"]
  resources: ["analysistemplates"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: ["flagger.app"]
  resources: ["metrictemplates"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# Release guard: claim and audit records in a RumSLO's status, written with its resourceVersion (PUT), so two
# replicas deciding at once cannot both act or overwrite each other's records; and lastKnownGoodRelease.
- apiGroups: ["rumops.dev"]
  resources: ["rumslos/status"]
  verbs: ["update"]
# Release guard, Deployment target: the previous revision's ReplicaSet holds the pod template to roll back to.
- apiGroups: ["apps"]
  resources: ["replicasets"]
  verbs: ["list"]
# Release guard, Argo Rollout target: read it, abort it through its status (as kubectl argo rollouts abort does).
- apiGroups: ["argoproj.io"]
  resources: ["rollouts"]
  verbs: ["get"]
- apiGroups: ["argoproj.io"]
  resources: ["rollouts/status"]
  verbs: ["patch"]
# Alertmanager bearer tokens and GitOps webhook signing keys, read by name; never listed or watched.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
# Events (events.k8s.io/v1) on the custom resources and rollback targets.
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}

{{/* A map as comma-separated key=value, keys sorted. */}}
{{- define "rum-operator.pairs" -}}
{{- $pairs := list -}}
{{- range $k, $v := . }}{{ $pairs = append $pairs (printf "%s=%s" $k $v) }}{{ end -}}
{{- join "," $pairs -}}
{{- end -}}

{{/* Arguments after the image's ENTRYPOINT ["/app/rum-operator", "run"]. */}}
{{- define "rum-operator.operatorArgs" -}}
- --metrics-port
- {{ .Values.ports.metrics | quote }}
- --health-port
- {{ .Values.ports.health | quote }}
- --collector-image
- {{ include "rum-operator.collectorImage" . }}
{{- if .Values.leaderElection.enabled }}
- --leader-elect
{{- end }}
{{- with .Values.watchNamespaces }}
- --watch-namespaces
- {{ join "," . }}
{{- end }}
{{- with .Values.prometheusUrl }}
- --prometheus-url
- {{ . }}
{{- end }}
{{- if .Values.console.enabled }}
- --console-address
- {{ .Values.console.address | quote }}
{{- end }}
{{- with .Values.dashboards }}
{{- if not .configMaps }}
- --no-dashboard-configmaps
{{- end }}
- --dashboard-label
- {{ printf "%s=%s" .label .labelValue | quote }}
- --dashboard-folder-annotation
- {{ .folderAnnotation | quote }}
- --dashboard-folder
- {{ .folder | quote }}
{{- with .grafanaInstanceSelector }}
- --grafana-instance-selector
- {{ include "rum-operator.pairs" . | quote }}
{{- end }}
{{- with .logsDatasource }}
- --logs-datasource
- {{ . | quote }}
{{- end }}
{{- end }}
- --canary-analysis
- {{ join "," .Values.canaryAnalysis.tools | quote }}
{{- with (.Values.canaryAnalysis.prometheusUrl | default .Values.prometheusUrl) }}
- --analysis-prometheus-url
- {{ . }}
{{- end }}
{{- if .Values.releaseGuard.alertTokenSecret.name }}
- --alert-token-file
- /etc/rum/alert-token/{{ .Values.releaseGuard.alertTokenSecret.key }}
{{- end }}
- --alerts-port
- {{ .Values.ports.alerts | quote }}
{{- if .Values.releaseGuard.alertsTls }}
{{- if not .Values.webhook.enabled }}
{{- fail "releaseGuard.alertsTls: needs webhook.enabled, whose certificate /alerts serves" }}
{{- end }}
- --alerts-tls
{{- end }}
{{- with .Values.releaseGuard.webhookAllowedHosts }}
- --rollback-webhook-allowed-hosts
- {{ join "," . | quote }}
{{- end }}
{{- if .Values.releaseGuard.webhookAllowHttp }}
- --rollback-webhook-allow-http
{{- end }}
- --rollback-action-timeout
- {{ .Values.releaseGuard.actionTimeout | quote }}
{{- if .Values.webhook.enabled }}
- --webhook
- --webhook-port
- {{ .Values.ports.webhook | quote }}
- --webhook-service
- {{ include "rum-operator.fullname" . }}
- --webhook-service-namespace
- {{ .Release.Namespace }}
- --webhook-configuration
- {{ include "rum-operator.webhookConfigurationName" . }}
{{- if .Values.certManager.enabled }}
- --webhook-cert-dir
- {{ include "rum-operator.webhookCertDir" . }}
{{- end }}
{{- end }}
{{- end -}}
