// The empty handler the bundle bench loads for information: what Node itself costs to import a module.
export const handler = async () => ({ statusCode: 200 });
