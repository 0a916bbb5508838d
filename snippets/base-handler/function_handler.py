"""A handler without a class: TorchServe calls this module's handle(data, context) once with
data=None when a worker loads the model, then once for every batch."""


def handle(data, context):
    if data is None:
        return None  # the load call: set up here (read files, build the model), once per worker
    # One reply per request, in the batch's order: how many tasks each route request holds.
    return [{"tasks": len(row["body"]["feature"])} for row in data]
