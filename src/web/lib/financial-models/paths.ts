/** The address of a model's workbench, at its latest version or at a given one. */
export const modelPath = (engagementId: string, modelId: string, version?: number): string =>
  `/engagements/${engagementId}/models/${modelId}${version === undefined ? '' : `?version=${version}`}`;
