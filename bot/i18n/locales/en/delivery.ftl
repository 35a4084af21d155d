# Removing a member: what happened to their seats at meetings still to come.
member-removed-report =
    { $name } was removed from { $org }.
    { $seats }
seat-given = Their seat at { $title } was given to the next person waiting, who has been told.
seat-freed = Their seat at { $title } is free again: nobody was waiting.
seat-none = They had no seat at a meeting still to come.
